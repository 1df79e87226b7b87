using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Tests.Metrics;

public class RocCurveTests
{
    [Fact]
    public void Compute_HandWorkedCases_GivesOnePointPerDistinctScoreFromOriginToCorner()
    {
        var roc = RocCurve.Compute(HandWorkedCases.Truth, HandWorkedCases.Score);

        // Thresholds ∞, then the 9 distinct scores descending; (FP/6, TP/4) after each, worked out by hand.
        (double T, int Fp, int Tp)[] expected =
        [
            (double.PositiveInfinity, 0, 0), (0.9, 0, 1), (0.8, 0, 2), (0.7, 1, 2), (0.6, 1, 3),
            (0.5, 2, 3), (0.4, 3, 4), (0.3, 4, 4), (0.2, 5, 4), (0.1, 6, 4),
        ];
        Assert.Equal(expected.Length, roc.Points.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].T, roc.Points[i].Threshold);
            Assert.Equal(expected[i].Fp / 6.0, roc.Points[i].FalsePositiveRate, 12);
            Assert.Equal(expected[i].Tp / 4.0, roc.Points[i].TruePositiveRate, 12);
        }
    }

    [Fact]
    public void TrapezoidalArea_EqualsMannWhitneyAuc()
    {
        // Trapezoids: 1/6·½ + 1/6·¾ + 1/6·(¾+1)/2 + 3/6·1 = 20.5/24, the same as U / (P·N).
        var roc = RocCurve.Compute(HandWorkedCases.Truth, HandWorkedCases.Score);

        Assert.Equal(HandWorkedCases.Auc, roc.TrapezoidalArea(), 12);
    }

    [Fact]
    public void Compute_OneClassAbsent_IsUndefinedWithReason()
    {
        var roc = RocCurve.Compute([false, false], [0.4, 0.6]);

        Assert.False(roc.IsDefined);
        Assert.Contains("no positive cases", roc.UndefinedReason);
        Assert.True(double.IsNaN(roc.TrapezoidalArea()));
    }
}
