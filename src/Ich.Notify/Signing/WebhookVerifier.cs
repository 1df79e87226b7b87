using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ich.Notify.Signing;

/// <summary>Checks Standard Webhooks signatures on the receiving side.</summary>
/// <remarks>
/// The package's own <c>StandardWebhook.Verify</c> reads ASP.NET headers and the wall clock; this verifier takes plain
/// header values and a <see cref="TimeProvider"/>, so a receiver on any HTTP stack and a test with a fixed clock can
/// use it. The expected signature is computed by the same signer, and compared in constant time.
/// </remarks>
public sealed class WebhookVerifier
{
    /// <summary>How far a timestamp may be from now, either way, before the message is refused as a replay.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly WebhookSigner _signer;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _tolerance;

    /// <summary>A verifier for one secret.</summary>
    /// <param name="secret">The <c>whsec_</c> secret.</param>
    /// <param name="clock">The clock timestamps are checked against; the system clock when null.</param>
    /// <param name="tolerance">Allowed clock distance; <see cref="DefaultTolerance"/> when null.</param>
    /// <exception cref="ArgumentException">A malformed secret.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative tolerance.</exception>
    public WebhookVerifier(string secret, TimeProvider? clock = null, TimeSpan? tolerance = null)
    {
        _signer = new WebhookSigner(secret);
        _clock = clock ?? TimeProvider.System;
        _tolerance = tolerance ?? DefaultTolerance;
        if (_tolerance < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(tolerance), _tolerance, "The tolerance cannot be negative.");
    }

    /// <summary>Checks one message.</summary>
    /// <param name="id">The <c>webhook-id</c> header.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="signature">The <c>webhook-signature</c> header (one or more space-separated <c>v1,...</c>).</param>
    /// <param name="body">The raw body as received.</param>
    /// <returns>Valid, or the reason it is not.</returns>
    public WebhookVerification Verify(string? id, string? timestamp, string? signature, string body)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return WebhookVerification.Invalid("missing webhook-id, webhook-timestamp or webhook-signature");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            return WebhookVerification.Invalid("webhook-timestamp is not Unix seconds");
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var distance = (_clock.GetUtcNow() - sent).Duration();
        if (distance > _tolerance)
            return WebhookVerification.Invalid($"webhook-timestamp is {distance.TotalSeconds:0} s from now (tolerance {_tolerance.TotalSeconds:0} s)");

        var expected = Encoding.ASCII.GetBytes(_signer.Sign(id, sent, body).Signature);
        foreach (var candidate in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!candidate.StartsWith("v1,", StringComparison.Ordinal)) continue;
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate))) return WebhookVerification.Valid;
        }
        return WebhookVerification.Invalid("no v1 signature matches");
    }
}

/// <summary>The result of <see cref="WebhookVerifier.Verify"/>.</summary>
/// <param name="IsValid">True when a signature matched within the time tolerance.</param>
/// <param name="Failure">Why it did not, else null.</param>
public sealed record WebhookVerification(bool IsValid, string? Failure)
{
    /// <summary>A verified message.</summary>
    public static readonly WebhookVerification Valid = new(true, null);

    /// <summary>A refused message.</summary>
    /// <param name="failure">The reason.</param>
    public static WebhookVerification Invalid(string failure) => new(false, failure);
}
