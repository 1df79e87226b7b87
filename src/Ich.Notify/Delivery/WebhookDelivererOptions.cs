namespace Ich.Notify.Delivery;

/// <summary>Knobs of <see cref="WebhookDeliverer"/>; the defaults suit production, tests inject clock, randomness and waiting.</summary>
public sealed record WebhookDelivererOptions
{
    /// <summary>The retry schedule.</summary>
    public WebhookRetrySchedule Schedule { get; init; } = WebhookRetrySchedule.Default;

    /// <summary>How long one attempt may take, connect to response headers; an attempt over it counts as a failure.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock that stamps <c>webhook-timestamp</c> and dates Retry-After.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The source of jitter (seed it for a reproducible schedule).</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>How the loop waits between attempts (tests record the delay instead of sleeping).</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }
}
