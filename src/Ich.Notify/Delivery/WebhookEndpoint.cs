namespace Ich.Notify.Delivery;

/// <summary>Where a message goes and the secret it is signed with.</summary>
/// <param name="Url">The subscriber's URL.</param>
/// <param name="Secret">The subscription's <c>whsec_</c> secret.</param>
public sealed record WebhookEndpoint(Uri Url, string Secret);

/// <summary>One message: its id (the <c>webhook-id</c>, the same on every retry) and its exact body.</summary>
/// <param name="Id">The message id; for study events the CloudEvent id.</param>
/// <param name="Body">The body text sent and signed (structured CloudEvents JSON).</param>
public sealed record WebhookMessage(string Id, string Body);
