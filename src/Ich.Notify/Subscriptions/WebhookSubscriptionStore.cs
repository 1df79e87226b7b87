using Azure;
using Azure.Data.Tables;
using Ich.Notify.Delivery;
using Ich.Notify.Signing;
using Ich.Notify.Targets;

namespace Ich.Notify.Subscriptions;

/// <summary>
/// Webhook subscriptions in an Azure Table (the <c>webhooks</c> table in production): one row per subscription in
/// partition <see cref="Partition"/>, keyed by its id.
/// </summary>
/// <remarks>
/// The secret sits in the row next to the URL so the Notify stage can sign without a second store; the table is
/// reachable only through the Function App's managed identity. (Moving secrets to Key Vault is a wiring change for the
/// Functions host: <see cref="GetEndpointAsync"/> is the one place that reads them.)
/// </remarks>
public sealed class WebhookSubscriptionStore
{
    /// <summary>The partition every subscription row lives in (a few hundred rows at most: one partition is enough).</summary>
    public const string Partition = "subscription";

    private readonly TableClient _table;
    private readonly WebhookTargetGuard _guard;
    private readonly TimeProvider _clock;
    private readonly IWebhookSecretVault _secrets;

    /// <summary>A store on <paramref name="table"/> (which must exist).</summary>
    /// <param name="table">The table.</param>
    /// <param name="guard">Checks targets when subscribing.</param>
    /// <param name="clock">Stamps creation and gone times; the system clock when null.</param>
    /// <param name="secrets">Where signing secrets are kept; in the row itself when null.</param>
    public WebhookSubscriptionStore(TableClient table, WebhookTargetGuard guard, TimeProvider? clock = null, IWebhookSecretVault? secrets = null)
    {
        _secrets = secrets ?? InRowSecretVault.Instance;
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _guard = guard ?? throw new ArgumentNullException(nameof(guard));
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Subscribes <paramref name="url"/> after the SSRF guard accepts it.</summary>
    /// <param name="url">The receiver.</param>
    /// <param name="cancellationToken">Cancels the look-up and the write.</param>
    /// <returns>The subscription and its fresh secret (shown once: it cannot be listed later).</returns>
    /// <exception cref="WebhookTargetRefusedException">The target is not acceptable.</exception>
    public async Task<CreatedWebhookSubscription> CreateAsync(Uri url, CancellationToken cancellationToken = default)
    {
        await _guard.ResolveAsync(url, cancellationToken).ConfigureAwait(false);
        var subscription = new WebhookSubscription("wh_" + Guid.NewGuid().ToString("N"), url, _clock.GetUtcNow(), null);
        var secret = WebhookSecret.Generate();
        var entity = new TableEntity(Partition, subscription.Id)
        {
            ["Url"] = url.AbsoluteUri,
            ["Secret"] = await _secrets.PutAsync(subscription.Id, secret, cancellationToken).ConfigureAwait(false),
            ["CreatedAt"] = subscription.CreatedAt,
        };
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return new CreatedWebhookSubscription(subscription, secret);
    }

    /// <summary>Every subscription, active or gone, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<WebhookSubscription>();
        var rows = _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition,
            select: ["RowKey", "Url", "CreatedAt", "GoneAt"], cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false)) list.Add(ToSubscription(row));
        return [.. list.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>Where and how to deliver to one subscription; null when it does not exist or is gone.</summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<WebhookEndpoint?> GetEndpointAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is null || row.Value.ContainsKey("GoneAt")) return null;
        var secret = await _secrets.GetAsync(id, row.Value.GetString("Secret"), cancellationToken).ConfigureAwait(false);
        return new WebhookEndpoint(new Uri(row.Value.GetString("Url")), secret);
    }

    /// <summary>Deletes a subscription.</summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>False when there was no such subscription.</returns>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, select: ["Secret"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row.HasValue && row.Value?.GetString("Secret") is { } stored)
            await _secrets.DeleteAsync(id, stored, cancellationToken).ConfigureAwait(false);
        // The Tables SDK answers a delete of a missing row with the 404 response instead of throwing.
        var response = await _table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>Records that the receiver answered 410 Gone: the subscription stays listed but gets no more events.</summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>False when there was no such subscription.</returns>
    public async Task<bool> MarkGoneAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            var entity = new TableEntity(Partition, id) { ["GoneAt"] = _clock.GetUtcNow() };
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static WebhookSubscription ToSubscription(TableEntity row) => new(
        row.RowKey, new Uri(row.GetString("Url")), row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, row.GetDateTimeOffset("GoneAt"));
}
