using System.Collections.Concurrent;
using System.Net;
using Azure.Data.Tables;
using Ich.Notify.Subscriptions;
using Ich.Notify.Targets;
using Ich.Testing;

namespace Ich.Notify.Tests.Subscriptions;

/// <summary>The store keeps only the vault's reference in its row (Key Vault in Azure), on Azurite.</summary>
[Collection(StorageCollection.Name)]
public sealed class WebhookSecretVaultTests(StorageFixture storage)
{
    private static readonly WebhookTargetGuard Guard = new(WebhookTargetPolicy.Strict,
        (host, _) => Task.FromResult(new[] { IPAddress.Parse("203.0.113.7") }));

    /// <summary>A vault in memory, standing in for Key Vault (which has no emulator): the store must go through it.</summary>
    private sealed class MemoryVault : IWebhookSecretVault
    {
        public ConcurrentDictionary<string, string> Secrets { get; } = new();

        public Task<string> PutAsync(string subscriptionId, string secret, CancellationToken cancellationToken)
        {
            Secrets[subscriptionId] = secret;
            return Task.FromResult("memory:" + subscriptionId);
        }

        public Task<string> GetAsync(string subscriptionId, string stored, CancellationToken cancellationToken) =>
            Task.FromResult(Secrets[stored["memory:".Length..]]);

        public Task DeleteAsync(string subscriptionId, string stored, CancellationToken cancellationToken)
        {
            Secrets.TryRemove(stored["memory:".Length..], out _);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_row_holds_a_reference_the_endpoint_holds_the_secret_and_delete_forgets_it()
    {
        var table = await storage.CreateTableAsync("vaulted");
        var vault = new MemoryVault();
        var store = new WebhookSubscriptionStore(table, Guard, secrets: vault);

        var created = await store.CreateAsync(new Uri("https://hooks.example/a"));
        var row = (await table.GetEntityAsync<TableEntity>(WebhookSubscriptionStore.Partition, created.Subscription.Id)).Value;
        Assert.Equal("memory:" + created.Subscription.Id, row.GetString("Secret"));
        Assert.DoesNotContain(created.Secret, string.Join(",", row.Select(p => p.Value?.ToString())));

        var endpoint = await store.GetEndpointAsync(created.Subscription.Id);
        Assert.Equal(created.Secret, endpoint!.Secret);

        Assert.True(await store.DeleteAsync(created.Subscription.Id));
        Assert.Empty(vault.Secrets);
    }

    [Fact]
    public void Key_vault_secret_names_keep_to_letters_digits_and_dashes()
    {
        Assert.Equal("webhook-wh-0123abcd", KeyVaultSecretVault.SecretNameOf("wh_0123abcd"));
    }
}
