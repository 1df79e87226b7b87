namespace Ich.Notify.Signing;

/// <summary>The Standard Webhooks header names and the values one signed message carries.</summary>
/// <param name="Id">The message id (stable across retries of one message).</param>
/// <param name="Timestamp">Unix seconds of this attempt, as sent.</param>
/// <param name="Signature"><c>v1,&lt;base64 HMAC-SHA256&gt;</c>; several, space-separated, during a secret rotation.</param>
public sealed record WebhookHeaders(string Id, string Timestamp, string Signature)
{
    /// <summary>The header carrying <see cref="Id"/>.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header carrying <see cref="Timestamp"/>.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header carrying <see cref="Signature"/>.</summary>
    public const string SignatureHeader = "webhook-signature";
}
