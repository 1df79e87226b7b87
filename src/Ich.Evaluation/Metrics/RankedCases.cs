namespace Ich.Evaluation.Metrics;

/// <summary>
/// Cases sorted once by score (descending) so that every metric, the ROC curve and each bootstrap resample are
/// one linear pass. A resample is a weight per case (how often it was drawn), never a copied list.
/// </summary>
internal sealed class RankedCases
{
    private readonly int[] _order;
    private readonly bool[] _truth;
    private readonly double[] _score;

    public RankedCases(IReadOnlyList<bool> truth, IReadOnlyList<double> score)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(score);
        if (truth.Count != score.Count)
        {
            throw new ArgumentException($"{truth.Count} truth values but {score.Count} scores.", nameof(score));
        }

        _truth = new bool[truth.Count];
        _score = new double[score.Count];
        for (var i = 0; i < _score.Length; i++)
        {
            if (!double.IsFinite(score[i]))
            {
                throw new ArgumentException($"Score {i} is {score[i]}; scores must be finite.", nameof(score));
            }

            _truth[i] = truth[i];
            _score[i] = score[i];
        }

        _order = Enumerable.Range(0, _score.Length).ToArray();
        Array.Sort(_order, (a, b) => _score[b].CompareTo(_score[a]));
    }

    public int Count => _score.Length;

    /// <summary>Metrics of the cases, each counted <paramref name="weights"/>[i] times (once each when null).</summary>
    public BinaryMetrics Metrics(double threshold, int[]? weights)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < _score.Length; i++)
        {
            long w = weights?[i] ?? 1;
            var calledPositive = _score[i] >= threshold;
            if (_truth[i])
            {
                if (calledPositive) tp += w; else fn += w;
            }
            else
            {
                if (calledPositive) fp += w; else tn += w;
            }
        }

        var counts = new ConfusionCounts(tp, fp, tn, fn);
        var (auc, reason) = Auc(counts, weights);
        return BinaryMetrics.FromCounts(counts, threshold, auc, reason);
    }

    /// <summary>ROC points after each group of tied scores, thresholds descending.</summary>
    public RocCurve Roc(int[]? weights)
    {
        var (positives, negatives) = ClassTotals(weights);
        var reason = UndefinedReason(positives, negatives);
        var points = new List<RocPoint> { new(double.PositiveInfinity, Rate(0, negatives), Rate(0, positives)) };
        long tpSeen = 0, fpSeen = 0;
        foreach (var (value, pos, neg) in TieGroups(weights))
        {
            tpSeen += pos;
            fpSeen += neg;
            points.Add(new RocPoint(value, Rate(fpSeen, negatives), Rate(tpSeen, positives)));
        }

        return new RocCurve(points, reason);
    }

    private (double Auc, string? Reason) Auc(ConfusionCounts counts, int[]? weights)
    {
        var reason = UndefinedReason(counts.Positives, counts.Negatives);
        if (reason is not null)
        {
            return (double.NaN, reason);
        }

        // Mann–Whitney U: each positive scores 1 per negative ranked below it and ½ per negative tied with it.
        var negativesBelow = counts.Negatives;
        var u = 0.0;
        foreach (var (_, pos, neg) in TieGroups(weights))
        {
            negativesBelow -= neg;
            u += pos * (negativesBelow + neg / 2.0);
        }

        return (u / ((double)counts.Positives * counts.Negatives), null);
    }

    /// <summary>Weighted positives and negatives of each run of equal scores, highest score first.</summary>
    private IEnumerable<(double Score, long Positives, long Negatives)> TieGroups(int[]? weights)
    {
        var i = 0;
        while (i < _order.Length)
        {
            var value = _score[_order[i]];
            long pos = 0, neg = 0;
            for (; i < _order.Length && _score[_order[i]] == value; i++)
            {
                var c = _order[i];
                long w = weights?[c] ?? 1;
                if (_truth[c]) pos += w; else neg += w;
            }

            // A value drawn zero times in a resample is not a threshold of that resample.
            if (pos + neg > 0)
            {
                yield return (value, pos, neg);
            }
        }
    }

    private (long Positives, long Negatives) ClassTotals(int[]? weights)
    {
        long pos = 0, neg = 0;
        for (var i = 0; i < _truth.Length; i++)
        {
            long w = weights?[i] ?? 1;
            if (_truth[i]) pos += w; else neg += w;
        }

        return (pos, neg);
    }

    private static string? UndefinedReason(long positives, long negatives) => (positives, negatives) switch
    {
        (0, 0) => "no cases",
        (0, _) => "no positive cases: AUC needs both classes",
        (_, 0) => "no negative cases: AUC needs both classes",
        _ => null,
    };

    private static double Rate(long part, long whole) => whole == 0 ? double.NaN : (double)part / whole;
}
