using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Ich.Notify.Subscriptions;

/// <summary>Where a subscription's signing secret is kept; the subscription row holds only what <see cref="PutAsync"/> returns.</summary>
public interface IWebhookSecretVault
{
    /// <summary>Keeps <paramref name="secret"/> for <paramref name="subscriptionId"/>; returns the value the row stores.</summary>
    Task<string> PutAsync(string subscriptionId, string secret, CancellationToken cancellationToken);

    /// <summary>The secret behind <paramref name="stored"/>, the row's value.</summary>
    Task<string> GetAsync(string subscriptionId, string stored, CancellationToken cancellationToken);

    /// <summary>Forgets the secret behind <paramref name="stored"/>.</summary>
    Task DeleteAsync(string subscriptionId, string stored, CancellationToken cancellationToken);
}

/// <summary>The secret in the subscription row itself (Table storage, encrypted at rest): the local host and tests.</summary>
public sealed class InRowSecretVault : IWebhookSecretVault
{
    /// <summary>The one instance.</summary>
    public static InRowSecretVault Instance { get; } = new();

    /// <inheritdoc />
    public Task<string> PutAsync(string subscriptionId, string secret, CancellationToken cancellationToken) => Task.FromResult(secret);

    /// <inheritdoc />
    public Task<string> GetAsync(string subscriptionId, string stored, CancellationToken cancellationToken) => Task.FromResult(stored);

    /// <inheritdoc />
    public Task DeleteAsync(string subscriptionId, string stored, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Secrets in Azure Key Vault (the vault <c>infra/</c> deploys, <c>Ich__KeyVaultUri</c>), one secret
/// <c>webhook-&lt;id&gt;</c> per subscription; the row stores <c>keyvault:webhook-&lt;id&gt;</c>. Key Vault cannot run
/// here (no emulator), so this class is kept to the SDK's three calls.
/// </summary>
public sealed class KeyVaultSecretVault(SecretClient client) : IWebhookSecretVault
{
    /// <summary>The prefix of a row value that names a Key Vault secret.</summary>
    public const string Prefix = "keyvault:";

    /// <summary>The Key Vault secret name of a subscription (letters, digits and dashes, as Key Vault requires).</summary>
    public static string SecretNameOf(string subscriptionId) => "webhook-" + new string([.. subscriptionId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    /// <inheritdoc />
    public async Task<string> PutAsync(string subscriptionId, string secret, CancellationToken cancellationToken)
    {
        var name = SecretNameOf(subscriptionId);
        await client.SetSecretAsync(name, secret, cancellationToken).ConfigureAwait(false);
        return Prefix + name;
    }

    /// <inheritdoc />
    public async Task<string> GetAsync(string subscriptionId, string stored, CancellationToken cancellationToken)
    {
        // Rows written before the vault was configured keep their secret in place.
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored;
        return (await client.GetSecretAsync(stored[Prefix.Length..], cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Value;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string subscriptionId, string stored, CancellationToken cancellationToken)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) return;
        try
        {
            await client.StartDeleteSecretAsync(stored[Prefix.Length..], cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }
}
