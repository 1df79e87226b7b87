using Ich.Workflow.Normalized;

namespace Ich.Workflow.Orchestration;

/// <summary>One study's orchestration input: references to its normalized series, or why it cannot be analysed.</summary>
/// <param name="StudyKey">The study's key in storage (its UID made safe, or the upload's key when no UID was read).</param>
/// <param name="StudyInstanceUid">The Study Instance UID; null when none could be read from the upload.</param>
/// <param name="UploadName">The upload (blob or folder) it came from.</param>
/// <param name="ReceivedAt">When the upload was received.</param>
/// <param name="Series">The normalized series to analyse (empty when <paramref name="Failure"/> is set).</param>
/// <param name="Failure">Why the study cannot be analysed; null when it can.</param>
/// <param name="Settings">The orchestration's knobs.</param>
public sealed record StudyWork(
    string StudyKey,
    string? StudyInstanceUid,
    string UploadName,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<NormalizedSeriesReference> Series,
    string? Failure,
    WorkflowSettings Settings)
{
    /// <summary>The UID events and the API name the study by: its Study Instance UID, or the upload's key.</summary>
    public string EventUid => StudyInstanceUid ?? StudyKey;
}

/// <summary>What Infer returned for one series: where the service's response is kept, or why there is none.</summary>
/// <param name="Reference">The series.</param>
/// <param name="ResponseBlob">The response JSON in the results container; null on failure.</param>
/// <param name="ModelVersion">The model that answered.</param>
/// <param name="Failure">A permanent refusal by the service (bad input); null when it answered.</param>
public sealed record InferenceDone(NormalizedSeriesReference Reference, string? ResponseBlob, string? ModelVersion, string? Failure);

/// <summary>Publish's input for one series.</summary>
/// <param name="Reference">The series.</param>
/// <param name="ResponseBlob">The inference response; null when the series failed before Publish.</param>
/// <param name="Failure">Why the series failed; null when it was analysed.</param>
public sealed record PublishSeriesInput(NormalizedSeriesReference Reference, string? ResponseBlob, string? Failure);

/// <summary>One series' outcome.</summary>
/// <param name="SeriesInstanceUid">The series.</param>
/// <param name="Status"><c>ok</c> or <c>failed</c>.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="ModelVersion">The model, when one ran.</param>
/// <param name="PositiveLabels">Labels at or above 0.5, <c>any</c> first; empty when negative or failed.</param>
public sealed record SeriesOutcome(string SeriesInstanceUid, string Status, string? Error, string? ModelVersion, IReadOnlyList<string> PositiveLabels)
{
    /// <summary>The status of an analysed series.</summary>
    public const string Ok = "ok";

    /// <summary>The status of a series that could not be analysed.</summary>
    public const string Failed = "failed";
}

/// <summary>One study's outcome, as the orchestration records it and returns it.</summary>
/// <param name="StudyKey">The study's key.</param>
/// <param name="EventUid">The UID its events carry.</param>
/// <param name="Status"><c>completed</c> or <c>failed</c>.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="ModelVersion">The model, when one ran.</param>
/// <param name="PositiveLabels">Positive labels over its series, <c>any</c> first.</param>
/// <param name="Series">Per series.</param>
/// <param name="CompletedAt">When it finished (orchestration time).</param>
public sealed record StudyOutcome(
    string StudyKey,
    string EventUid,
    string Status,
    string? Error,
    string? ModelVersion,
    IReadOnlyList<string> PositiveLabels,
    IReadOnlyList<SeriesOutcome> Series,
    DateTimeOffset CompletedAt)
{
    /// <summary>Whether hemorrhage was flagged.</summary>
    public bool Positive => PositiveLabels.Count > 0;

    /// <summary>Webhook deliveries, one per subscription (filled after Notify).</summary>
    public IReadOnlyList<DeliverySummary> Deliveries { get; init; } = [];
}

/// <summary>How one subscription's delivery ended.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="MessageId">The <c>webhook-id</c> (the same on every attempt).</param>
/// <param name="Verdict">Delivered, gone, gave up or refused.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Reason">The last decision's reason.</param>
public sealed record DeliverySummary(string SubscriptionId, string MessageId, string Verdict, int Attempts, string Reason);

/// <summary>One webhook attempt's input.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="MessageId">The <c>webhook-id</c>.</param>
/// <param name="Body">The CloudEvent JSON, exactly as signed.</param>
public sealed record WebhookAttempt(string SubscriptionId, string MessageId, string Body);
