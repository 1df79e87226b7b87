using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Tests.Metrics;

public class BootstrapTests
{
    [Fact]
    public void Quantile_InterpolatesBetweenOrderStatisticsLikeNumpy()
    {
        // numpy.percentile([0, 1, 2, 3, 4], 97.5): h = 4 · 0.975 = 3.9 → 3 + 0.9 · (4 − 3) = 3.9; 2.5 → 0.1.
        double[] sorted = [0, 1, 2, 3, 4];

        Assert.Equal(3.9, Bootstrap.Quantile(sorted, 0.975), 12);
        Assert.Equal(0.1, Bootstrap.Quantile(sorted, 0.025), 12);
        Assert.Equal(2.0, Bootstrap.Quantile(sorted, 0.5), 12);
    }

    [Fact]
    public void ConfidenceIntervals_SameSeed_GivesSameIntervals()
    {
        var options = new BootstrapOptions { Resamples = 200, Seed = 11 };

        var first = Bootstrap.ConfidenceIntervals(HandWorkedCases.Truth, HandWorkedCases.Score, options: options);
        var second = Bootstrap.ConfidenceIntervals(HandWorkedCases.Truth, HandWorkedCases.Score, options: options);

        Assert.Equal(first, second);
    }

    [Fact]
    public void ConfidenceIntervals_OtherSeed_GivesOtherResamples()
    {
        var a = Bootstrap.Resample(HandWorkedCases.Truth, HandWorkedCases.Score, null, new BootstrapOptions { Resamples = 50, Seed = 1 }, 0.5);
        var b = Bootstrap.Resample(HandWorkedCases.Truth, HandWorkedCases.Score, null, new BootstrapOptions { Resamples = 50, Seed = 2 }, 0.5);

        Assert.NotEqual(a.Select(m => m.Accuracy), b.Select(m => m.Accuracy));
    }

    [Fact]
    public void Resample_WeightedMetrics_EqualMetricsOfTheMaterialisedResample()
    {
        // Redraw the first resample with the same seeded Random, copy each case as often as it was drawn, and
        // recompute from scratch: the weighted fast path must agree exactly.
        var truth = HandWorkedCases.Truth;
        var score = HandWorkedCases.Score;
        var options = new BootstrapOptions { Resamples = 1, Seed = 5 };
        var weights = new int[truth.Length];
        Bootstrap.DrawWeights(Bootstrap.GroupMembers(null, truth.Length), new Random(options.Seed), weights);
        var copies = Enumerable.Range(0, truth.Length).SelectMany(i => Enumerable.Repeat(i, weights[i])).ToList();

        var expected = BinaryMetrics.Compute(copies.Select(i => truth[i]).ToList(), copies.Select(i => score[i]).ToList());
        var actual = Bootstrap.Resample(truth, score, null, options, 0.5)[0];

        Assert.Equal(truth.Length, weights.Sum());
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ConfidenceIntervals_DefaultOptions_Use1000Resamples()
    {
        var ci = Bootstrap.ConfidenceIntervals(HandWorkedCases.Truth, HandWorkedCases.Score);

        Assert.Equal(1000, ci[Metric.Accuracy].DefinedResamples);
        Assert.InRange(0.7, ci[Metric.Accuracy].Lower, ci[Metric.Accuracy].Upper);
        Assert.InRange(HandWorkedCases.Auc, ci[Metric.Auc].Lower, ci[Metric.Auc].Upper);
    }

    [Fact]
    public void ConfidenceIntervals_WithGroups_MoveSlicesOfOneStudyTogether()
    {
        // Study A: 4 slices, all called right; study B: 4 slices, all called wrong. Drawing two studies gives
        // AA, AB/BA or BB: accuracy 1, 0.5 or 0 with probability ¼, ½, ¼, so the 2.5th and 97.5th percentiles
        // are exactly 0 and 1. Resampling slices one by one would give eighths such as 3/8.
        bool[] truth = [true, true, false, false, true, true, false, false];
        double[] score = [0.9, 0.8, 0.1, 0.2, 0.1, 0.2, 0.9, 0.8];
        string[] study = ["A", "A", "A", "A", "B", "B", "B", "B"];
        var options = new BootstrapOptions { Resamples = 1000, Seed = 3 };

        var grouped = Bootstrap.Resample(truth, score, study, options, 0.5);
        var ci = Bootstrap.ConfidenceIntervals(truth, score, study, options);
        var slices = Bootstrap.Resample(truth, score, null, options, 0.5);

        Assert.All(grouped, m => Assert.Contains(m.Accuracy, new[] { 0.0, 0.5, 1.0 }));
        Assert.Equal(0.0, ci[Metric.Accuracy].Lower);
        Assert.Equal(1.0, ci[Metric.Accuracy].Upper);
        Assert.Contains(slices, m => m.Accuracy is not (0.0 or 0.5 or 1.0));
    }

    [Fact]
    public void ConfidenceIntervals_ResamplesMissingAClass_AreLeftOutOfTheAucInterval()
    {
        // One positive among five subjects: a resample misses it with probability (4/5)^5 ≈ 0.33; accuracy is
        // defined in every resample.
        bool[] truth = [true, false, false, false, false];
        double[] score = [0.9, 0.1, 0.2, 0.3, 0.4];

        var ci = Bootstrap.ConfidenceIntervals(truth, score, options: new BootstrapOptions { Resamples = 1000, Seed = 9 });

        Assert.InRange(ci[Metric.Auc].DefinedResamples, 600, 750);
        Assert.Equal(1.0, ci[Metric.Auc].Lower);
        Assert.Equal(1000, ci[Metric.Accuracy].DefinedResamples);
    }

    [Fact]
    public void ConfidenceIntervals_ClassNeverPresent_GiveUndefinedIntervals()
    {
        var ci = Bootstrap.ConfidenceIntervals([false, false, false], [0.1, 0.6, 0.3], options: new BootstrapOptions { Resamples = 100 });

        Assert.False(ci[Metric.Auc].IsDefined);
        Assert.True(double.IsNaN(ci[Metric.Auc].Lower));
        Assert.True(double.IsNaN(ci[Metric.Sensitivity].Upper));
    }

    [Fact]
    public void Options_ZeroResamples_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BootstrapOptions { Resamples = 0 });
    }

    [Fact]
    public void ConfidenceIntervals_GroupCountMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => Bootstrap.ConfidenceIntervals([true, false], [0.6, 0.4], ["A"]));
    }
}
