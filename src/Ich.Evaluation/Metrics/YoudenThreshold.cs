namespace Ich.Evaluation.Metrics;

/// <summary>
/// The decision threshold of a probability that maximises Youden's J (sensitivity + specificity − 1) on labelled
/// cases: the operating point at which a rare label's misses and false alarms weigh alike, whatever its prevalence.
/// </summary>
public static class YoudenThreshold
{
    /// <summary>
    /// The threshold t (cases with p ≥ t called positive) with the largest J, placed halfway in logit between the
    /// lowest probability called positive and the next lower one, so a new case is not decided by rounding.
    /// Of equal J the higher threshold (fewer false alarms) wins.
    /// </summary>
    /// <param name="truth">True for positive cases.</param>
    /// <param name="probability">One probability in [0, 1] per case.</param>
    /// <param name="fallback">Returned when one class is absent or no threshold beats calling every case one way.</param>
    /// <exception cref="ArgumentException">Lengths differ, or a probability is not finite.</exception>
    public static double Choose(IReadOnlyList<bool> truth, IReadOnlyList<double> probability, double fallback = 0.5)
    {
        var roc = RocCurve.Compute(truth, probability);
        if (!roc.IsDefined) return fallback;
        var points = roc.Points;
        var best = -1;
        var bestJ = 0.0;
        for (var i = 1; i < points.Count; i++)
        {
            var j = points[i].TruePositiveRate - points[i].FalsePositiveRate;
            if (j > bestJ + 1e-12)
            {
                bestJ = j;
                best = i;
            }
        }

        if (best < 0) return fallback;
        var lowestCalled = points[best].Threshold;
        var nextLower = best + 1 < points.Count ? points[best + 1].Threshold : lowestCalled;
        return Logistic(0.5 * (Logit(lowestCalled) + Logit(nextLower)));
    }

    // Probabilities are kept 1e-9 from 0 and 1 so that saturated outputs still have a finite logit.
    private static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-9, 1 - 1e-9);
        return Math.Log(q / (1 - q));
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
