namespace Ich.Notify.Subscriptions;

/// <summary>A subscriber as listed (the secret is never part of a listing).</summary>
/// <param name="Id">The subscription id (<c>wh_…</c>).</param>
/// <param name="Url">Where events are posted.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="GoneAt">When a delivery got 410 Gone; null while active. Gone subscriptions get no more events.</param>
public sealed record WebhookSubscription(string Id, Uri Url, DateTimeOffset CreatedAt, DateTimeOffset? GoneAt)
{
    /// <summary>True while events are delivered to it.</summary>
    public bool IsActive => GoneAt is null;
}

/// <summary>A new subscription with its secret, which is shown to the caller this once.</summary>
/// <param name="Subscription">The stored subscription.</param>
/// <param name="Secret">The <c>whsec_</c> signing secret.</param>
public sealed record CreatedWebhookSubscription(WebhookSubscription Subscription, string Secret);
