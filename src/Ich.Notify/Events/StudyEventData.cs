using System.Text.Json.Serialization;

namespace Ich.Notify.Events;

/// <summary>
/// The <c>data</c> of a study event. It carries the pseudonymous study instance UID and findings only:
/// there is deliberately no field for patient name, ID, birth date or any other identity.
/// </summary>
/// <param name="StudyInstanceUid">The (pseudonymised) Study Instance UID the results belong to.</param>
/// <param name="Status"><c>completed</c> or <c>failed</c>.</param>
/// <param name="Positive">True when the model flagged intracranial hemorrhage; always false for a failure.</param>
/// <param name="PositiveLabels">The subtypes flagged (e.g. <c>subdural</c>); empty when none.</param>
/// <param name="ModelVersion">The model that produced the findings; null when no model ran.</param>
/// <param name="ResultsUrl">Where the results can be fetched (the study API); null when there is nothing to fetch.</param>
/// <param name="FailureReason">Why the study failed; null for a completed study.</param>
public sealed record StudyEventData(
    [property: JsonPropertyName("studyInstanceUid")] string StudyInstanceUid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("positive")] bool Positive,
    [property: JsonPropertyName("positiveLabels")] IReadOnlyList<string> PositiveLabels,
    [property: JsonPropertyName("modelVersion")] string? ModelVersion,
    [property: JsonPropertyName("resultsUrl")] Uri? ResultsUrl,
    [property: JsonPropertyName("failureReason")] string? FailureReason)
{
    /// <summary>The <see cref="Status"/> of a completed study.</summary>
    public const string StatusCompleted = "completed";

    /// <summary>The <see cref="Status"/> of a failed study.</summary>
    public const string StatusFailed = "failed";
}
