using System.Text.Json.Serialization;

namespace Ich.Notify.Events;

/// <summary>A CloudEvents 1.0 event in the structured JSON format (attribute names as the spec spells them).</summary>
/// <typeparam name="TData">The type of <see cref="Data"/>.</typeparam>
/// <param name="Id">Unique per event from one source; also the <c>webhook-id</c> of its deliveries.</param>
/// <param name="Source">A URI reference naming the producer.</param>
/// <param name="Type">The event type, e.g. <see cref="StudyEventTypes.Completed"/>.</param>
/// <param name="Time">When the occurrence happened.</param>
/// <param name="Subject">What the event is about, within the source (here <c>studies/{studyInstanceUid}</c>).</param>
/// <param name="Data">The payload.</param>
public sealed record CloudEvent<TData>(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("data")] TData Data)
{
    /// <summary>The CloudEvents version this record follows.</summary>
    [JsonPropertyName("specversion")]
    [JsonPropertyOrder(-1)]
    public string SpecVersion { get; init; } = "1.0";

    /// <summary>The media type of <see cref="Data"/>.</summary>
    [JsonPropertyName("datacontenttype")]
    public string DataContentType { get; init; } = "application/json";
}
