using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Reports;

/// <summary>Everything measured for one label at one level (subject or slice).</summary>
/// <param name="Label">The label name as the caller gave it, e.g. <c>intraventricular</c>.</param>
/// <param name="Metrics">Point estimates at the report's threshold.</param>
/// <param name="Intervals">Bootstrap interval of every metric.</param>
/// <param name="Roc">The ROC curve, for plots.</param>
public sealed record LabelEvaluation(
    string Label,
    BinaryMetrics Metrics,
    IReadOnlyDictionary<Metric, ConfidenceInterval> Intervals,
    RocCurve Roc);
