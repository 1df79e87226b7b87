namespace Ich.Pipeline.Infer;

/// <summary>One label's subject-level result.</summary>
/// <param name="Probability">The model's probability; null when the label was not run (five-type after a two-type negative).</param>
/// <param name="Positive">Probability ≥ 0.5 (false when not run).</param>
public sealed record LabelFinding(double? Probability, bool Positive);

/// <summary>One source slice's probabilities.</summary>
/// <param name="SopInstanceUid">The slice's SOP Instance UID.</param>
/// <param name="InstanceNumber">Its Instance Number, if given.</param>
/// <param name="Probabilities">Per label; null for labels not run.</param>
public sealed record SliceFinding(string SopInstanceUid, int? InstanceNumber, IReadOnlyDictionary<string, double?> Probabilities);

/// <summary>What Infer found in one series: per-label subject results and per-slice probabilities.</summary>
/// <param name="Model">Model name and version.</param>
/// <param name="FiveTypeRun">Whether the five-type stage ran (p(any) ≥ 0.5, or all stages asked for).</param>
/// <param name="Labels">Per label, <c>any</c> first.</param>
/// <param name="Slices">Per source slice, inferior → superior.</param>
/// <param name="Notice">The model card's decision-support notice.</param>
public sealed record SeriesFindings(string Model, bool FiveTypeRun, IReadOnlyDictionary<string, LabelFinding> Labels, IReadOnlyList<SliceFinding> Slices, string Notice)
{
    /// <summary>Labels reported positive, <c>any</c> first.</summary>
    public IReadOnlyList<string> PositiveLabels => Labels.Where(l => l.Value.Positive).Select(l => l.Key).ToArray();
}
