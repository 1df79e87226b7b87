using Ich.Notify.Targets;
using Ich.Workflow.Orchestration;
using Microsoft.Extensions.Configuration;

namespace Ich.Functions;

/// <summary>
/// The app's settings: <c>AzureWebJobsStorage</c> (a connection string), or the identity-based
/// <c>AzureWebJobsStorage__accountName</c> (+ <c>__clientId</c> of a user-assigned identity) that <c>infra/</c> sets —
/// the account of uploads, results and the task hub;
/// <c>Ich__InferenceUrl</c> (the GPU container app), <c>Ich__ApiBaseUrl</c> (this app's public address, for the
/// events' result links), <c>Ich__WebhookAllowList</c> (comma-separated hosts or CIDR ranges a webhook may reach
/// besides public https), and <c>Ich__Workflow__*</c> (<see cref="WorkflowSettings"/>).
/// </summary>
/// <param name="Storage">The storage account.</param>
/// <param name="InferenceUrl">The inference app.</param>
/// <param name="Workflow">The orchestration's knobs.</param>
/// <param name="WebhookPolicy">Which webhook targets are allowed.</param>
public sealed record AppSettings(Ich.Workflow.Storage.WorkflowStorage Storage, Uri InferenceUrl, WorkflowSettings Workflow, WebhookTargetPolicy WebhookPolicy)
{
    /// <summary>The app's managed identity: the user-assigned one <c>infra/</c> gives it, else the system-assigned one.</summary>
    public static Azure.Core.TokenCredential Credential(IConfiguration configuration) => new Azure.Identity.ManagedIdentityCredential(
        (configuration["AzureWebJobsStorage:clientId"] ?? configuration["AZURE_CLIENT_ID"]) is { Length: > 0 } clientId
            ? Azure.Identity.ManagedIdentityId.FromUserAssignedClientId(clientId) : Azure.Identity.ManagedIdentityId.SystemAssigned);

    /// <summary>Where webhook signing secrets go: the Key Vault at <c>Ich__KeyVaultUri</c> when set, else the subscription rows.</summary>
    public static Ich.Notify.Subscriptions.IWebhookSecretVault SecretVault(IConfiguration configuration) =>
        configuration["Ich:KeyVaultUri"] is { Length: > 0 } vault && Uri.TryCreate(vault, UriKind.Absolute, out var uri)
            ? new Ich.Notify.Subscriptions.KeyVaultSecretVault(new Azure.Security.KeyVault.Secrets.SecretClient(uri, Credential(configuration)))
            : Ich.Notify.Subscriptions.InRowSecretVault.Instance;

    /// <summary>Reads and checks the settings.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or malformed.</exception>
    public static AppSettings Read(IConfiguration configuration)
    {
        var storage = configuration[StorageSettings.ConnectionSetting] is not { Length: > 0 } && configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } account
            ? Ich.Workflow.Storage.WorkflowStorage.FromAccount(account, Credential(configuration))
            : Ich.Workflow.Storage.WorkflowStorage.FromConnectionString(StorageSettings.ConnectionString(name => configuration[name]));
        var inference = configuration["Ich:InferenceUrl"] is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var url)
            ? url
            : throw new InvalidOperationException("Ich__InferenceUrl must be the inference app's absolute URL, e.g. https://ich-inference.<env>.azurecontainerapps.io/.");
        var workflow = configuration.GetSection("Ich:Workflow").Get<WorkflowSettings>() ?? new WorkflowSettings();
        // The events' results links: the configured public address, else the host name App Service gives the app.
        var api = configuration["Ich:ApiBaseUrl"] is { Length: > 0 } configured ? configured
            : configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host ? $"https://{host}" : null;
        if (api is not null) workflow = workflow with { ApiBaseUrl = api, EventSource = api };
        var allow = (configuration["Ich:WebhookAllowList"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new AppSettings(storage, inference, workflow.Validated(), allow.Length == 0 ? WebhookTargetPolicy.Strict : WebhookTargetPolicy.AllowList(allow));
    }
}
