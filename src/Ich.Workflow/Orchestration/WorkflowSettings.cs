namespace Ich.Workflow.Orchestration;

/// <summary>
/// The knobs of one study's orchestration, fixed when it starts and carried in its input, so a replay sees the same
/// values (orchestrator code must not read configuration).
/// </summary>
public sealed record WorkflowSettings
{
    /// <summary>Series analysed at once within one study.</summary>
    public int MaxParallelSeries { get; init; } = 4;

    /// <summary>Attempts at the inference service per series, the first included.</summary>
    public int InferenceAttempts { get; init; } = 5;

    /// <summary>Wait before the first inference retry, ms; doubled each retry.</summary>
    public int InferenceFirstRetryMs { get; init; } = 2_000;

    /// <summary>Longest wait between inference retries, ms.</summary>
    public int InferenceMaxRetryMs { get; init; } = 60_000;

    /// <summary>Webhook delivery attempts per subscription.</summary>
    public int WebhookAttempts { get; init; } = 8;

    /// <summary>First webhook backoff (before jitter), ms.</summary>
    public int WebhookBaseDelayMs { get; init; } = 1_000;

    /// <summary>Longest webhook backoff, ms.</summary>
    public int WebhookMaxDelayMs { get; init; } = 600_000;

    /// <summary>The events' <c>source</c>, e.g. <c>https://ich-func.azurewebsites.net</c> or <c>urn:ich:local</c>.</summary>
    public string EventSource { get; init; } = "urn:ich:local";

    /// <summary>The study API's base address; an event's results link is <c>{base}/api/studies/{uid}</c>.</summary>
    public string ApiBaseUrl { get; init; } = "http://127.0.0.1:7071";

    /// <summary>Throws when a value cannot be used.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public WorkflowSettings Validated()
    {
        if (MaxParallelSeries < 1) throw new ArgumentOutOfRangeException(nameof(MaxParallelSeries), MaxParallelSeries, "At least one.");
        if (InferenceAttempts < 1) throw new ArgumentOutOfRangeException(nameof(InferenceAttempts), InferenceAttempts, "At least one.");
        if (InferenceFirstRetryMs < 1 || InferenceMaxRetryMs < InferenceFirstRetryMs)
            throw new ArgumentOutOfRangeException(nameof(InferenceFirstRetryMs), InferenceFirstRetryMs, "Positive, and not above the maximum.");
        if (WebhookAttempts < 1) throw new ArgumentOutOfRangeException(nameof(WebhookAttempts), WebhookAttempts, "At least one.");
        if (WebhookBaseDelayMs < 1 || WebhookMaxDelayMs < WebhookBaseDelayMs)
            throw new ArgumentOutOfRangeException(nameof(WebhookBaseDelayMs), WebhookBaseDelayMs, "Positive, and not above the maximum.");
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _)) throw new ArgumentOutOfRangeException(nameof(ApiBaseUrl), ApiBaseUrl, "An absolute URL.");
        ArgumentException.ThrowIfNullOrWhiteSpace(EventSource);
        return this;
    }
}
