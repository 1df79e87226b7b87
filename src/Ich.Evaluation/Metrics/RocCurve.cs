namespace Ich.Evaluation.Metrics;

/// <summary>One operating point of a ROC curve.</summary>
/// <param name="Threshold">Cases with score ≥ this are called positive; +∞ for the (0, 0) point.</param>
/// <param name="FalsePositiveRate">1 − specificity at this threshold.</param>
/// <param name="TruePositiveRate">Sensitivity at this threshold.</param>
public readonly record struct RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);

/// <summary>
/// A ROC curve: one point per distinct score, thresholds descending, starting at (0, 0) (threshold +∞) and ending
/// at (1, 1) (the lowest score) — scikit-learn's <c>roc_curve</c> with <c>drop_intermediate=False</c>.
/// </summary>
/// <param name="Points">The operating points, thresholds descending.</param>
/// <param name="UndefinedReason">Why the curve is undefined (one class absent: a rate has no denominator and
/// is NaN), or null when it is defined.</param>
public sealed record RocCurve(IReadOnlyList<RocPoint> Points, string? UndefinedReason)
{
    /// <summary>True when both classes are present, so every point is a real number.</summary>
    public bool IsDefined => UndefinedReason is null;

    /// <summary>The curve of <paramref name="score"/> against <paramref name="truth"/>.</summary>
    /// <param name="truth">True for positive cases.</param>
    /// <param name="score">One finite score per case; higher means more likely positive.</param>
    /// <exception cref="ArgumentException">Lengths differ or a score is not finite.</exception>
    public static RocCurve Compute(IReadOnlyList<bool> truth, IReadOnlyList<double> score) =>
        new RankedCases(truth, score).Roc(weights: null);

    /// <summary>Area under the curve by the trapezoidal rule; NaN when the curve is undefined. Equals the
    /// Mann–Whitney AUC of <see cref="BinaryMetrics"/> (ties give diagonal segments, i.e. count half).</summary>
    public double TrapezoidalArea()
    {
        if (!IsDefined)
        {
            return double.NaN;
        }

        var area = 0.0;
        for (var i = 1; i < Points.Count; i++)
        {
            var (a, b) = (Points[i - 1], Points[i]);
            area += (b.FalsePositiveRate - a.FalsePositiveRate) * (a.TruePositiveRate + b.TruePositiveRate) / 2;
        }

        return area;
    }
}
