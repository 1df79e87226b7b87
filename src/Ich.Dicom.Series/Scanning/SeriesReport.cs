using System.Text.Json.Serialization;
using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Selection;

namespace Ich.Dicom.Series.Scanning;

/// <summary>One series of a study: how the rules judged it, and whether it was chosen.</summary>
/// <param name="Assessment">The eligibility verdict (with the series).</param>
/// <param name="IsSelected">Whether this is the study's series to analyse.</param>
/// <param name="NotSelectedReason">One line saying why not, or null when selected.</param>
/// <param name="Assembly">The ordered stack and its problems, for the series that were assembled (the chosen one and
/// any higher-ranked ones found unusable); null for series never assembled.</param>
public sealed record SeriesReport(SeriesAssessment Assessment, bool IsSelected, string? NotSelectedReason, SeriesAssembly? Assembly)
{
    /// <summary>The series.</summary>
    [JsonIgnore]
    public DicomSeries Series => Assessment.Series;
}
