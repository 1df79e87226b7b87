using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.TwoStage;

/// <summary>
/// The paper's two-stage rule turned into one subtype score per subject, usable both for thresholded metrics and
/// for AUC:
/// <code>score = p_any ≥ 0.5 ? p_sub : p_sub × p_any</code>
/// A subject called ICH-negative (p_any &lt; 0.5) gets p_sub × p_any &lt; 0.5, so at the 0.5 threshold it is
/// negative for every subtype, exactly as in the paper (the five-type model only runs when p(ICH) ≥ 0.5). Below
/// the gate the product keeps the ranking informative rather than collapsing it to a constant: it is the
/// probability of "ICH and this subtype" if the two outputs were independent. The score never decreases when
/// either probability rises (at the gate it jumps from p_sub/2 to p_sub), so the AUC measures the workflow as
/// deployed, not the subtype model alone.
/// </summary>
public static class TwoStageScores
{
    /// <summary>p(any) at or above which a subject is called ICH-positive and its subtype scores are used as they are.</summary>
    public const double Gate = BinaryMetrics.DefaultThreshold;

    /// <summary>The two-stage score of one subtype for one subject.</summary>
    /// <param name="pAny">p(any ICH), in [0, 1].</param>
    /// <param name="pSubtype">p(subtype), in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or NaN.</exception>
    public static double Score(double pAny, double pSubtype)
    {
        CheckProbability(pAny, nameof(pAny));
        CheckProbability(pSubtype, nameof(pSubtype));
        return pAny >= Gate ? pSubtype : pSubtype * pAny;
    }

    /// <summary>The two-stage scores of one subtype for every subject (the lists are aligned by subject).</summary>
    /// <param name="pAny">p(any ICH) per subject.</param>
    /// <param name="pSubtype">p(subtype) per subject.</param>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or NaN.</exception>
    public static double[] Apply(IReadOnlyList<double> pAny, IReadOnlyList<double> pSubtype)
    {
        ArgumentNullException.ThrowIfNull(pAny);
        ArgumentNullException.ThrowIfNull(pSubtype);
        if (pAny.Count != pSubtype.Count)
        {
            throw new ArgumentException($"{pAny.Count} p(any) values but {pSubtype.Count} subtype values.", nameof(pSubtype));
        }

        var scores = new double[pAny.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Score(pAny[i], pSubtype[i]);
        }

        return scores;
    }

    private static void CheckProbability(double p, string name)
    {
        if (!(p is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(name, p, "A probability must lie in [0, 1].");
        }
    }
}
