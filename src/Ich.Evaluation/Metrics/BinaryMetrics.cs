namespace Ich.Evaluation.Metrics;

/// <summary>
/// Thresholded metrics and AUC of one binary label. A case is called positive when its score is ≥
/// <see cref="Threshold"/>. A metric whose denominator is zero is NaN (scikit-learn's <c>zero_division</c> would
/// report 0 with a warning; NaN keeps "undefined" from passing as "bad").
/// </summary>
/// <param name="Threshold">Scores ≥ this are called positive.</param>
/// <param name="Counts">The confusion matrix at <see cref="Threshold"/>.</param>
/// <param name="Accuracy">(TP + TN) / n; NaN when n = 0.</param>
/// <param name="Sensitivity">TP / (TP + FN); NaN without positive cases.</param>
/// <param name="Specificity">TN / (TN + FP); NaN without negative cases.</param>
/// <param name="Precision">TP / (TP + FP); NaN when nothing is called positive.</param>
/// <param name="F1">2·TP / (2·TP + FP + FN); NaN when there are no positives and none is called positive.</param>
/// <param name="Auc">Mann–Whitney AUC with ties counted half; NaN when a class is absent.</param>
/// <param name="AucUndefinedReason">Why <see cref="Auc"/> is NaN, or null when it is defined.</param>
public sealed record BinaryMetrics(
    double Threshold,
    ConfusionCounts Counts,
    double Accuracy,
    double Sensitivity,
    double Specificity,
    double Precision,
    double F1,
    double Auc,
    string? AucUndefinedReason)
{
    /// <summary>The threshold of the paper's two-type and five-type calls: p ≥ 0.5 is positive.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>Number of positive cases.</summary>
    public long NPos => Counts.Positives;

    /// <summary>Number of negative cases.</summary>
    public long NNeg => Counts.Negatives;

    /// <summary>Metrics of <paramref name="score"/> against <paramref name="truth"/>. Never throws for data
    /// that lacks a class: the metrics that need it are NaN, and <see cref="AucUndefinedReason"/> says why.</summary>
    /// <param name="truth">True for positive cases.</param>
    /// <param name="score">One finite score per case, e.g. a probability.</param>
    /// <param name="threshold">Scores ≥ this are called positive.</param>
    /// <exception cref="ArgumentException">Lengths differ or a score is not finite.</exception>
    public static BinaryMetrics Compute(IReadOnlyList<bool> truth, IReadOnlyList<double> score, double threshold = DefaultThreshold) =>
        new RankedCases(truth, score).Metrics(threshold, weights: null);

    /// <summary>The value of one metric.</summary>
    /// <param name="metric">Which metric.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined metric.</exception>
    public double Value(Metric metric) => metric switch
    {
        Metric.Auc => Auc,
        Metric.Sensitivity => Sensitivity,
        Metric.Specificity => Specificity,
        Metric.Accuracy => Accuracy,
        Metric.F1 => F1,
        Metric.Precision => Precision,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a defined metric."),
    };

    internal static BinaryMetrics FromCounts(ConfusionCounts c, double threshold, double auc, string? aucReason) => new(
        threshold,
        c,
        Accuracy: Ratio(c.TruePositives + c.TrueNegatives, c.Total),
        Sensitivity: Ratio(c.TruePositives, c.Positives),
        Specificity: Ratio(c.TrueNegatives, c.Negatives),
        Precision: Ratio(c.TruePositives, c.TruePositives + c.FalsePositives),
        F1: Ratio(2 * c.TruePositives, (2 * c.TruePositives) + c.FalsePositives + c.FalseNegatives),
        auc,
        aucReason);

    private static double Ratio(long part, long whole) => whole == 0 ? double.NaN : (double)part / whole;
}
