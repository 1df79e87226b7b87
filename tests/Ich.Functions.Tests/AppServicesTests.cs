using Ich.Functions.Api;
using Ich.Functions.Orchestration;
using Ich.Functions.Uploads;
using Ich.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ich.Functions.Tests;

/// <summary>The app composes: every function class resolves from the services Program registers (the host cannot run here).</summary>
[Collection(StorageCollection.Name)]
public sealed class AppServicesTests(StorageFixture storage)
{
    [Fact]
    public void Every_function_class_resolves_from_the_apps_services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Ich:InferenceUrl"] = "http://127.0.0.1:8080/",
            ["WEBSITE_HOSTNAME"] = "ich-func.azurewebsites.net",
        }).Build();
        var settings = AppSettings.Read(configuration);
        Assert.Equal("https://ich-func.azurewebsites.net", settings.Workflow.ApiBaseUrl);

        var services = new ServiceCollection().AddLogging().AddIchWorkflow(settings, AppSettings.SecretVault(configuration));
        services.AddTransient<HealthFunction>().AddTransient<UploadTriggerFunction>().AddTransient<StudyFunctions>().AddTransient<StudyApiFunctions>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<HealthFunction>());
        Assert.NotNull(provider.GetRequiredService<UploadTriggerFunction>());
        Assert.NotNull(provider.GetRequiredService<StudyFunctions>());
        Assert.NotNull(provider.GetRequiredService<StudyApiFunctions>());
        Assert.NotNull(provider.GetRequiredService<ILogger<Ich.Workflow.Intake.UploadIntake>>());
    }
}
