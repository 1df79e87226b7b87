using System.Globalization;
using System.Net.Http.Headers;

namespace Ich.Notify.Delivery;

/// <summary>
/// What one delivery attempt came to. Plain data, so a durable activity can return it to its orchestration.
/// </summary>
/// <param name="StatusCode">The HTTP status, or null when no response arrived (timeout, network error, refused target).</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c>, as a delay from when the response arrived; null when absent.</param>
/// <param name="Failure">Why there was no response; null when there was one.</param>
/// <param name="Refused">True when the SSRF guard refused the target at delivery time: never retried.</param>
public sealed record DeliveryAttemptOutcome(int? StatusCode, TimeSpan? RetryAfter, string? Failure, bool Refused = false)
{
    /// <summary>An HTTP response.</summary>
    /// <param name="statusCode">Its status.</param>
    /// <param name="retryAfter">Its Retry-After delay, if any.</param>
    public static DeliveryAttemptOutcome Response(int statusCode, TimeSpan? retryAfter = null) => new(statusCode, retryAfter, null);

    /// <summary>No response within the attempt timeout.</summary>
    /// <param name="timeout">The timeout that elapsed.</param>
    public static DeliveryAttemptOutcome TimedOut(TimeSpan timeout) =>
        new(null, null, $"no response within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");

    /// <summary>The connection failed.</summary>
    /// <param name="message">The error.</param>
    public static DeliveryAttemptOutcome NetworkError(string message) => new(null, null, message);

    /// <summary>The guard refused the target.</summary>
    /// <param name="reason">Why.</param>
    public static DeliveryAttemptOutcome TargetRefused(string reason) => new(null, null, reason, Refused: true);

    /// <summary>True for a 2xx response.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>
    /// A <c>Retry-After</c> value as a delay: delta-seconds, or an HTTP date measured from <paramref name="receivedAt"/>
    /// (a date in the past means "now"). Null when absent or unreadable.
    /// </summary>
    /// <param name="header">The parsed header, or null.</param>
    /// <param name="receivedAt">When the response arrived.</param>
    public static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset receivedAt) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date <= receivedAt ? TimeSpan.Zero : date - receivedAt,
        _ => null,
    };
}
