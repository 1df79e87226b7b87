using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Plots;

/// <summary>One line of a ROC plot.</summary>
/// <param name="Label">The legend name, e.g. <c>subdural</c>.</param>
/// <param name="Curve">The curve.</param>
/// <param name="Auc">The AUC shown in the legend.</param>
public sealed record RocSeries(string Label, RocCurve Curve, double Auc);
