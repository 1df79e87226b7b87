using System.Text.Json.Serialization;

namespace Ich.Dicom.Series.Selection;

/// <summary>What <see cref="SeriesSelectionRules"/> think of one series.</summary>
/// <param name="Series">The series judged.</param>
/// <param name="RejectionReason">Why the series may not be analysed at all, or null when it is eligible.</param>
/// <param name="Kernel">Its kernel class.</param>
/// <param name="ThicknessPreferred">Whether its slice thickness lies in the preferred range.</param>
public sealed record SeriesAssessment(DicomSeries Series, string? RejectionReason, KernelClass Kernel, bool ThicknessPreferred)
{
    /// <summary>Whether the series may be analysed.</summary>
    [JsonIgnore]
    public bool IsEligible => RejectionReason is null;
}
