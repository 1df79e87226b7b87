using System.Globalization;
using StandardWebhooks;

namespace Ich.Notify.Signing;

/// <summary>
/// Signs message bodies per the Standard Webhooks spec: <c>v1,base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))</c>.
/// </summary>
/// <remarks>The HMAC comes from the <c>StandardWebhooks</c> package (<see cref="StandardWebhook.Sign"/>); this type
/// adds the secret check and hands back all three headers.</remarks>
public sealed class WebhookSigner
{
    private readonly StandardWebhook _webhook;

    /// <summary>A signer for one subscription's secret.</summary>
    /// <param name="secret">The <c>whsec_</c> secret.</param>
    /// <exception cref="ArgumentException">A malformed secret.</exception>
    public WebhookSigner(string secret) => _webhook = new StandardWebhook(WebhookSecret.KeyOf(secret));

    /// <summary>The headers for sending <paramref name="body"/> as message <paramref name="id"/> at <paramref name="timestamp"/>.</summary>
    /// <param name="id">The message id.</param>
    /// <param name="timestamp">The attempt's time (whole seconds are signed).</param>
    /// <param name="body">The exact body text that will be sent (UTF-8).</param>
    public WebhookHeaders Sign(string id, DateTimeOffset timestamp, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(body);
        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new WebhookHeaders(id, seconds, _webhook.Sign(id, timestamp, body));
    }
}
