using System.Text.Json;
using System.Text.Json.Serialization;
using Ich.InferenceService.Models;
using Ich.InferenceService.Queueing;
using Ich.InferenceService.Requests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Ich.InferenceService.Hosting;

/// <summary>Builds the service: configuration, the model host, the queue and the endpoints. <c>Program</c> and the tests both start it here.</summary>
public static class InferenceServiceApp
{
    /// <summary>Creates the application (not started).</summary>
    /// <param name="args">Command-line arguments, e.g. <c>--urls http://0.0.0.0:8080 --Ich:ModelFolder /models/ich-sli-lab</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting in the <c>Ich</c> section is out of range.</exception>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        var options = builder.Configuration.GetSection(InferenceServiceOptions.Section).Get<InferenceServiceOptions>() ?? new InferenceServiceOptions();
        options.Validate();
        builder.Services.AddSingleton<IOptions<InferenceServiceOptions>>(Options.Create(options));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // One byte over the limit, so the body reader can tell "longer than its shape" (400) from the limit itself.
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes + 1;
        });
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        });

        // The model host starts before the queue and stops after it, so no worker ever sees a disposed session.
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ModelHost>());
        builder.Services.AddSingleton<InferenceQueue>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InferenceQueue>());

        var app = builder.Build();
        ServiceEndpoints.Map(app);
        return app;
    }

    /// <summary>
    /// Starts the service with <paramref name="modelFolder"/> on a free loopback port, as the local host, its tests and
    /// the pipeline benchmark run it; the caller stops and disposes the app.
    /// </summary>
    /// <returns>The started app and the address it listens on.</returns>
    public static async Task<(WebApplication App, Uri Address)> StartOnLoopbackAsync(string modelFolder, bool preferGpu, CancellationToken cancellationToken = default)
    {
        var app = Create(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            "--Ich:ModelFolder", modelFolder, "--Ich:PreferGpu", preferGpu ? "true" : "false"]);
        await app.StartAsync(cancellationToken);
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()));
    }
}
