using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ich.Notify.Events;

/// <summary>Builds and (de)serialises the study events the Notify stage sends.</summary>
public static class StudyEvents
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>The event for a study analysed to the end.</summary>
    /// <param name="source">The producer, e.g. <c>https://ich-func.azurewebsites.net</c> or <c>urn:ich:local</c>.</param>
    /// <param name="studyInstanceUid">The pseudonymous study UID.</param>
    /// <param name="positive">Whether hemorrhage was flagged.</param>
    /// <param name="positiveLabels">The subtypes flagged; must be empty when <paramref name="positive"/> is false.</param>
    /// <param name="modelVersion">The model that produced the findings.</param>
    /// <param name="resultsUrl">Where the results can be fetched.</param>
    /// <param name="time">When the study completed.</param>
    /// <exception cref="ArgumentException">A UID that is empty, too long or has white space; labels on a negative study.</exception>
    public static CloudEvent<StudyEventData> Completed(
        string source, string studyInstanceUid, bool positive, IReadOnlyList<string> positiveLabels,
        string modelVersion, Uri resultsUrl, DateTimeOffset time)
    {
        CheckUid(studyInstanceUid);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelVersion);
        ArgumentNullException.ThrowIfNull(resultsUrl);
        if (!positive && positiveLabels.Count > 0)
            throw new ArgumentException("A study that is not positive cannot carry positive labels.", nameof(positiveLabels));
        var data = new StudyEventData(studyInstanceUid, StudyEventData.StatusCompleted, positive, [.. positiveLabels], modelVersion, resultsUrl, null);
        return Create(source, StudyEventTypes.Completed, data, time);
    }

    /// <summary>The event for a study that could not be analysed.</summary>
    /// <param name="source">The producer.</param>
    /// <param name="studyInstanceUid">The pseudonymous study UID (or the upload's name when no UID could be read).</param>
    /// <param name="reason">Why it failed, in one line, without patient identity.</param>
    /// <param name="modelVersion">The model, when one ran.</param>
    /// <param name="resultsUrl">Where the failure record can be fetched, when there is one.</param>
    /// <param name="time">When the study failed.</param>
    /// <exception cref="ArgumentException">An invalid UID or an empty reason.</exception>
    public static CloudEvent<StudyEventData> Failed(
        string source, string studyInstanceUid, string reason, string? modelVersion, Uri? resultsUrl, DateTimeOffset time)
    {
        CheckUid(studyInstanceUid);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var data = new StudyEventData(studyInstanceUid, StudyEventData.StatusFailed, false, [], modelVersion, resultsUrl, reason);
        return Create(source, StudyEventTypes.Failed, data, time);
    }

    /// <summary>
    /// The event id for one outcome of one study: derived, not random, so an orchestration that replays or a study
    /// uploaded twice yields the same id and receivers can de-duplicate on it.
    /// </summary>
    /// <param name="type">The event type.</param>
    /// <param name="studyInstanceUid">The study UID.</param>
    public static string IdFor(string type, string studyInstanceUid) =>
        "evt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(type + "\n" + studyInstanceUid)))[..32];

    /// <summary>The structured-mode JSON of an event, exactly the bytes that are signed and sent.</summary>
    /// <param name="cloudEvent">The event.</param>
    public static string Serialize(CloudEvent<StudyEventData> cloudEvent) => JsonSerializer.Serialize(cloudEvent, Json);

    /// <summary>Reads an event back (a receiver's side).</summary>
    /// <param name="json">Structured-mode JSON.</param>
    /// <exception cref="JsonException">Not a study event.</exception>
    public static CloudEvent<StudyEventData> Deserialize(string json) =>
        JsonSerializer.Deserialize<CloudEvent<StudyEventData>>(json, Json) ?? throw new JsonException("The event is null.");

    private static CloudEvent<StudyEventData> Create(string source, string type, StudyEventData data, DateTimeOffset time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return new CloudEvent<StudyEventData>(
            IdFor(type, data.StudyInstanceUid), source, type, time.ToUniversalTime(), "studies/" + data.StudyInstanceUid, data);
    }

    // A DICOM UID is at most 64 characters; RSNA-style pseudonyms (ID_<hex>) fit the same rule.
    private static void CheckUid(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        if (uid.Length > 64 || uid.Any(char.IsWhiteSpace))
            throw new ArgumentException($"'{uid}' is not a study instance UID (at most 64 characters, no white space).", nameof(uid));
    }
}
