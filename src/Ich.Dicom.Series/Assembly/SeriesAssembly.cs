using System.Text.Json.Serialization;
using Ich.Dicom.Series.Selection;

namespace Ich.Dicom.Series.Assembly;

/// <summary>
/// A series put in spatial order, with every problem found. Unusable (a fatal problem) means no volume may be built
/// and the pipeline must report the series as not analysable, never as "no hemorrhage".
/// </summary>
/// <param name="Series">The series assembled.</param>
/// <param name="Slices">Slices ordered by position along the normal (empty when the order could not be established).</param>
/// <param name="Geometry">The stack's geometry; null when unusable.</param>
/// <param name="Problems">Everything found, warnings and fatal problems.</param>
public sealed record SeriesAssembly(
    DicomSeries Series,
    IReadOnlyList<OrderedSlice> Slices,
    VolumeGeometry? Geometry,
    IReadOnlyList<SeriesProblem> Problems)
{
    /// <summary>Whether a volume may be built from this series.</summary>
    [JsonIgnore]
    public bool IsUsable => Geometry is not null && Problems.All(p => p.Severity != SeriesProblemSeverity.Fatal);

    /// <summary>The fatal problems joined into one sentence, or null when usable.</summary>
    [JsonIgnore]
    public string? UnusableReason =>
        IsUsable ? null : string.Join("; ", Problems.Where(p => p.Severity == SeriesProblemSeverity.Fatal).Select(p => p.Message));
}
