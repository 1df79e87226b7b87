using System.Text.Json.Serialization;
using Ich.Dicom.Series.Inputs;

namespace Ich.Dicom.Series.Scanning;

/// <summary>Everything the scan of an upload found; plain data (slices name their source by string), so it serialises with System.Text.Json.</summary>
/// <param name="Studies">Studies, by Study Instance UID (ordinal).</param>
/// <param name="Skipped">Files, archive entries and instances left out, with reasons.</param>
/// <param name="CandidateCount">Files and archive entries looked at.</param>
public sealed record ScanResult(IReadOnlyList<StudyReport> Studies, IReadOnlyList<SkippedInput> Skipped, int CandidateCount)
{
    /// <summary>Whether at least one study has a series ready to analyse.</summary>
    [JsonIgnore]
    public bool HasSelection => Studies.Any(s => s.Selected is not null);
}
