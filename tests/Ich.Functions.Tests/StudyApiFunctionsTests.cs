using System.Text;
using Ich.Functions.Api;
using Ich.Notify.Subscriptions;
using Ich.Notify.Targets;
using Ich.Testing;
using Ich.Workflow.Api;
using Ich.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;

namespace Ich.Functions.Tests;

/// <summary>The Functions' study API methods called directly (the host cannot run here), on Azurite.</summary>
[Collection(StorageCollection.Name)]
public sealed class StudyApiFunctionsTests(StorageFixture fixture) : IAsyncLifetime
{
    private readonly WorkflowStorage _storage = WorkflowStorage.FromConnectionString(fixture.ConnectionString, "f" + Guid.NewGuid().ToString("N")[..10]);

    public Task InitializeAsync() => _storage.EnsureCreatedAsync();

    public Task DisposeAsync() => _storage.DeleteAllAsync();

    private StudyApiFunctions Functions(WebhookTargetPolicy policy) =>
        new(new StudyApi(_storage, new WebhookSubscriptionStore(_storage.Webhooks, new WebhookTargetGuard(policy))));

    private static HttpRequest Request(string body = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }

    [Fact]
    public async Task An_unknown_study_is_404()
    {
        var result = Assert.IsType<ContentResult>(await Functions(WebhookTargetPolicy.Strict).GetStudyAsync(Request(), "1.2.3.4"));
        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task A_loopback_webhook_is_refused_in_production_and_accepted_when_allow_listed_then_deleted()
    {
        var refused = Assert.IsType<ContentResult>(await Functions(WebhookTargetPolicy.Strict).SubscribeAsync(Request("{\"url\":\"http://127.0.0.1:9/hook\"}")));
        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("refused", refused.Content);

        var functions = Functions(WebhookTargetPolicy.AllowList("127.0.0.1"));
        var created = Assert.IsType<ContentResult>(await functions.SubscribeAsync(Request("{\"url\":\"http://127.0.0.1:9/hook\"}")));
        Assert.Equal(201, created.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(created.Content!).RootElement.GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", System.Text.Json.JsonDocument.Parse(created.Content!).RootElement.GetProperty("secret").GetString());
        Assert.Equal(204, Assert.IsType<StatusCodeResult>(await functions.UnsubscribeAsync(Request(), id)).StatusCode);
        Assert.Equal(404, Assert.IsType<ContentResult>(await functions.UnsubscribeAsync(Request(), id)).StatusCode);
    }

    [Fact]
    public void Without_an_inference_url_the_app_refuses_to_start_saying_which_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var e = Assert.Throws<InvalidOperationException>(() => AppSettings.Read(configuration));
        Assert.Contains("Ich__InferenceUrl", e.Message);
    }

    [Fact]
    public void With_a_key_vault_configured_webhook_secrets_go_there_else_into_the_rows()
    {
        var none = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        Assert.IsType<Ich.Notify.Subscriptions.InRowSecretVault>(AppSettings.SecretVault(none));
        var vault = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ich:KeyVaultUri"] = "https://ich-kv.vault.azure.net/" }).Build();
        Assert.IsType<Ich.Notify.Subscriptions.KeyVaultSecretVault>(AppSettings.SecretVault(vault));
        Assert.Equal("webhook-wh-0a1b", Ich.Notify.Subscriptions.KeyVaultSecretVault.SecretNameOf("wh_0a1b"));
    }
}
