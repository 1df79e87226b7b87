using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ich.Notify.Delivery;

/// <summary>
/// The retry schedule as a pure function: <see cref="Next"/> maps (attempt number, outcome, jitter) to a decision, with
/// no clock, no randomness and no I/O inside. The in-process <see cref="WebhookDeliverer"/> loop and a durable
/// orchestration (which waits with a durable timer and draws its jitter from <see cref="JitterFor"/>, so a replay
/// computes the same delay) share it.
/// </summary>
/// <remarks>
/// Backoff is exponential with full jitter: delay = jitter × min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> × 2^(attempt−1)).
/// Every non-2xx response except 410 is retried, as the Standard Webhooks spec asks (3xx too: redirects are not
/// followed). 429 and 503 with <c>Retry-After</c> wait exactly what the receiver asked, up to <see cref="MaxRetryAfter"/>.
/// </remarks>
public sealed record WebhookRetrySchedule
{
    /// <summary>Attempts in all, the first included (default 8).</summary>
    public int MaxAttempts { get; }

    /// <summary>The backoff before jitter after the first attempt (default 1 s).</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>The cap on the backoff before jitter (default 10 min).</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>The longest Retry-After honoured; a longer one gives up (default 1 h).</summary>
    public TimeSpan MaxRetryAfter { get; }

    /// <summary>The default schedule: 8 attempts, 1 s doubling to 10 min, Retry-After up to 1 h.</summary>
    public static WebhookRetrySchedule Default { get; } = new();

    /// <summary>A schedule.</summary>
    /// <param name="maxAttempts">Attempts in all, at least 1.</param>
    /// <param name="baseDelay">First backoff, positive.</param>
    /// <param name="maxDelay">Backoff cap, at least <paramref name="baseDelay"/>.</param>
    /// <param name="maxRetryAfter">Longest Retry-After honoured, not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside the ranges above.</exception>
    public WebhookRetrySchedule(int maxAttempts = 8, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? maxRetryAfter = null)
    {
        MaxAttempts = maxAttempts >= 1 ? maxAttempts
            : throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "At least one attempt is needed.");
        BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
        if (BaseDelay <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(baseDelay), BaseDelay, "The base delay must be positive.");
        MaxDelay = maxDelay ?? TimeSpan.FromMinutes(10);
        if (MaxDelay < BaseDelay) throw new ArgumentOutOfRangeException(nameof(maxDelay), MaxDelay, "The cap cannot be below the base delay.");
        MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromHours(1);
        if (MaxRetryAfter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxRetryAfter), MaxRetryAfter, "Cannot be negative.");
    }

    /// <summary>The decision after attempt <paramref name="attempt"/> ended in <paramref name="outcome"/>.</summary>
    /// <param name="attempt">The attempt just made, 1-based.</param>
    /// <param name="outcome">How it ended.</param>
    /// <param name="jitter">A number in [0, 1) scaling the backoff (full jitter).</param>
    /// <exception cref="ArgumentOutOfRangeException">An attempt below 1 or a jitter outside [0, 1).</exception>
    public DeliveryDecision Next(int attempt, DeliveryAttemptOutcome outcome, double jitter)
    {
        if (attempt < 1) throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "Attempts count from 1.");
        if (!(jitter is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "Jitter lies in [0, 1).");
        ArgumentNullException.ThrowIfNull(outcome);

        if (outcome.Refused) return Final(DeliveryVerdict.Refused, outcome.Failure ?? "target refused");
        if (outcome.IsSuccess) return Final(DeliveryVerdict.Delivered, $"HTTP {outcome.StatusCode}");
        if (outcome.StatusCode == 410) return Final(DeliveryVerdict.Gone, "HTTP 410 Gone: the receiver ended the subscription");

        var what = outcome.StatusCode is { } status ? $"HTTP {status}" : outcome.Failure ?? "no response";
        if (attempt >= MaxAttempts) return Final(DeliveryVerdict.GaveUp, $"{what} on attempt {attempt} of {MaxAttempts}");

        if (outcome.StatusCode is 429 or 503 && outcome.RetryAfter is { } asked)
        {
            return asked > MaxRetryAfter
                ? Final(DeliveryVerdict.GaveUp, $"{what} asked to wait {Seconds(asked)} s, more than the {Seconds(MaxRetryAfter)} s allowed")
                : new DeliveryDecision(DeliveryVerdict.Retry, asked, $"{what}, Retry-After {Seconds(asked)} s");
        }
        var delay = TimeSpan.FromTicks((long)(jitter * Backoff(attempt).Ticks));
        return new DeliveryDecision(DeliveryVerdict.Retry, delay, $"{what}, backing off {Seconds(delay)} s");
    }

    /// <summary>The backoff before jitter after attempt <paramref name="attempt"/>: min(cap, base × 2^(attempt−1)).</summary>
    /// <param name="attempt">The attempt just made, 1-based.</param>
    public TimeSpan Backoff(int attempt)
    {
        // Beyond 2^40 × base the cap has long been reached; stop doubling before the ticks overflow.
        var factor = Math.Pow(2, Math.Min(attempt - 1, 40));
        var ticks = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// A jitter in [0, 1) derived from the message id and attempt: deterministic, so an orchestration replay computes
    /// the same delay, yet spread across messages so receivers are not hit in lock-step.
    /// </summary>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="attempt">The attempt number.</param>
    public static double JitterFor(string messageId, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(messageId + "#" + attempt.ToString(CultureInfo.InvariantCulture)));
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    private static DeliveryDecision Final(DeliveryVerdict verdict, string reason) => new(verdict, TimeSpan.Zero, reason);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
