namespace Ich.Evaluation.Metrics;

/// <summary>
/// Percentile bootstrap confidence intervals for every <see cref="Metric"/>. Each resample draws, with
/// replacement, as many groups as there are (a group is a subject, or for slice-level metrics the study the slice
/// belongs to, so its slices move together) and recomputes every metric on the drawn cases. The interval is the
/// (1 − c)/2 and (1 + c)/2 quantiles of the defined values, linearly interpolated between order statistics
/// (numpy's default percentile). Resamples come from <see cref="Random"/> with <see cref="BootstrapOptions.Seed"/>,
/// so a run is reproducible.
/// </summary>
public static class Bootstrap
{
    /// <summary>Intervals for every metric of <paramref name="score"/> against <paramref name="truth"/>.</summary>
    /// <param name="truth">True for positive cases.</param>
    /// <param name="score">One finite score per case.</param>
    /// <param name="groups">The resampling unit of each case (e.g. its study UID), or null to resample cases.</param>
    /// <param name="options">Resamples, confidence level and seed; the defaults when null.</param>
    /// <param name="threshold">Scores ≥ this are called positive.</param>
    /// <exception cref="ArgumentException">Lengths differ, a score is not finite or a group key is null.</exception>
    public static IReadOnlyDictionary<Metric, ConfidenceInterval> ConfidenceIntervals(
        IReadOnlyList<bool> truth,
        IReadOnlyList<double> score,
        IReadOnlyList<string>? groups = null,
        BootstrapOptions? options = null,
        double threshold = BinaryMetrics.DefaultThreshold)
    {
        options ??= new BootstrapOptions();
        var resamples = Resample(truth, score, groups, options, threshold);
        var lowerQ = (1 - options.Confidence) / 2;
        var upperQ = (1 + options.Confidence) / 2;
        var intervals = new Dictionary<Metric, ConfidenceInterval>();
        foreach (var metric in MetricNames.All)
        {
            var values = resamples.Select(m => m.Value(metric)).Where(v => !double.IsNaN(v)).Order().ToArray();
            intervals[metric] = new ConfidenceInterval(Quantile(values, lowerQ), Quantile(values, upperQ), values.Length);
        }

        return intervals;
    }

    /// <summary>The metrics of each resample, in draw order.</summary>
    internal static IReadOnlyList<BinaryMetrics> Resample(
        IReadOnlyList<bool> truth,
        IReadOnlyList<double> score,
        IReadOnlyList<string>? groups,
        BootstrapOptions options,
        double threshold)
    {
        var cases = new RankedCases(truth, score);
        var members = GroupMembers(groups, cases.Count);
        var random = new Random(options.Seed);
        var weights = new int[cases.Count];
        var result = new BinaryMetrics[options.Resamples];
        for (var r = 0; r < result.Length; r++)
        {
            DrawWeights(members, random, weights);
            result[r] = cases.Metrics(threshold, weights);
        }

        return result;
    }

    /// <summary>How often each case is drawn in one resample: a drawn group adds one to each of its cases.</summary>
    internal static void DrawWeights(int[][] members, Random random, int[] weights)
    {
        Array.Clear(weights);
        for (var g = 0; g < members.Length; g++)
        {
            foreach (var c in members[random.Next(members.Length)])
            {
                weights[c]++;
            }
        }
    }

    /// <summary>Case indices of each group, groups in order of first appearance.</summary>
    internal static int[][] GroupMembers(IReadOnlyList<string>? groups, int count)
    {
        if (groups is null)
        {
            return Enumerable.Range(0, count).Select(i => new[] { i }).ToArray();
        }

        if (groups.Count != count)
        {
            throw new ArgumentException($"{count} cases but {groups.Count} group keys.", nameof(groups));
        }

        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var ordered = new List<List<int>>();
        for (var i = 0; i < count; i++)
        {
            var key = groups[i] ?? throw new ArgumentException($"Group key {i} is null.", nameof(groups));
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
                ordered.Add(list);
            }

            list.Add(i);
        }

        return ordered.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>The q-quantile of sorted values by linear interpolation (numpy's default); NaN when empty.</summary>
    internal static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
