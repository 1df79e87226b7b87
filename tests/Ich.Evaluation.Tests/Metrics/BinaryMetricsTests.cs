using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Tests.Metrics;

public class BinaryMetricsTests
{
    [Fact]
    public void Compute_HandWorkedCases_GivesTheConfusionMatrix()
    {
        var m = BinaryMetrics.Compute(HandWorkedCases.Truth, HandWorkedCases.Score);

        Assert.Equal(new ConfusionCounts(TruePositives: 3, FalsePositives: 2, TrueNegatives: 4, FalseNegatives: 1), m.Counts);
        Assert.Equal(4, m.NPos);
        Assert.Equal(6, m.NNeg);
    }

    [Fact]
    public void Compute_HandWorkedCases_GivesThresholdedMetrics()
    {
        var m = BinaryMetrics.Compute(HandWorkedCases.Truth, HandWorkedCases.Score);

        Assert.Equal(7.0 / 10, m.Accuracy, 12);
        Assert.Equal(3.0 / 4, m.Sensitivity, 12);
        Assert.Equal(4.0 / 6, m.Specificity, 12);
        Assert.Equal(3.0 / 5, m.Precision, 12);
        Assert.Equal(6.0 / 9, m.F1, 12);
    }

    [Fact]
    public void Compute_ScoreExactlyAtThreshold_IsCalledPositive()
    {
        var m = BinaryMetrics.Compute([false], [0.5]);

        Assert.Equal(1, m.Counts.FalsePositives);
    }

    [Fact]
    public void Compute_HandWorkedCases_GivesMannWhitneyAucWithTiesCountedHalf()
    {
        var m = BinaryMetrics.Compute(HandWorkedCases.Truth, HandWorkedCases.Score);

        Assert.Equal(HandWorkedCases.Auc, m.Auc, 12);
        Assert.Null(m.AucUndefinedReason);
    }

    [Fact]
    public void Compute_AllScoresTied_GivesAucOneHalf()
    {
        // Every positive–negative pair is a tie: U = 2·3·½ = 3 of 6 pairs.
        var m = BinaryMetrics.Compute([true, true, false, false, false], [0.3, 0.3, 0.3, 0.3, 0.3]);

        Assert.Equal(0.5, m.Auc, 12);
    }

    [Fact]
    public void Compute_NoPositives_GivesNaNAucWithReason()
    {
        var m = BinaryMetrics.Compute([false, false, false], [0.1, 0.7, 0.2]);

        Assert.True(double.IsNaN(m.Auc));
        Assert.Contains("no positive cases", m.AucUndefinedReason);
        Assert.True(double.IsNaN(m.Sensitivity));
        Assert.Equal(2.0 / 3, m.Specificity, 12);
    }

    [Fact]
    public void Compute_NoNegatives_GivesNaNAucWithReason()
    {
        var m = BinaryMetrics.Compute([true, true], [0.1, 0.7]);

        Assert.True(double.IsNaN(m.Auc));
        Assert.Contains("no negative cases", m.AucUndefinedReason);
        Assert.True(double.IsNaN(m.Specificity));
    }

    [Fact]
    public void Compute_NoCases_GivesNaNEverywhereWithoutThrowing()
    {
        var m = BinaryMetrics.Compute([], []);

        Assert.True(double.IsNaN(m.Accuracy));
        Assert.True(double.IsNaN(m.Auc));
        Assert.Equal("no cases", m.AucUndefinedReason);
    }

    [Fact]
    public void Compute_NothingCalledPositive_GivesNaNPrecision()
    {
        var m = BinaryMetrics.Compute([true, false], [0.2, 0.1]);

        Assert.True(double.IsNaN(m.Precision));
        Assert.Equal(0.0, m.F1);
    }

    [Fact]
    public void Compute_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([true, false], [0.2]));
    }

    [Fact]
    public void Compute_NaNScore_Throws()
    {
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([true, false], [0.2, double.NaN]));
    }

    [Fact]
    public void Compute_CustomThreshold_MovesTheCalls()
    {
        // At 0.65 cases 0, 1, 2 (0.9, 0.8, 0.7) are called positive: TP = 2, FP = 1.
        var m = BinaryMetrics.Compute(HandWorkedCases.Truth, HandWorkedCases.Score, threshold: 0.65);

        Assert.Equal(new ConfusionCounts(2, 1, 5, 2), m.Counts);
    }
}
