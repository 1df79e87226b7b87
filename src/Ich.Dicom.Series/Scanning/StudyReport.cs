using System.Text.Json.Serialization;
using Ich.Dicom.Series.Assembly;

namespace Ich.Dicom.Series.Scanning;

/// <summary>One study of an upload: its series and the one chosen for analysis.</summary>
/// <param name="StudyInstanceUid">Study Instance UID (empty when the instances gave none).</param>
/// <param name="Series">Every series found, the chosen one first, then by rank, then the ineligible ones.</param>
public sealed record StudyReport(string StudyInstanceUid, IReadOnlyList<SeriesReport> Series)
{
    /// <summary>The chosen series, ordered and checked, ready for <see cref="Volumes.CtVolumeBuilder"/>; null when none is usable.</summary>
    [JsonIgnore]
    public SeriesAssembly? Selected => Series.FirstOrDefault(s => s.IsSelected)?.Assembly;
}
