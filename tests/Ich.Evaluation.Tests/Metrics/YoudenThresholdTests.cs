using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Tests.Metrics;

public class YoudenThresholdTests
{
    [Fact]
    public void HandWorkedCases_ThresholdFallsBetweenTheBestCutAndTheNextScore()
    {
        // J by cut (see HandWorkedCases): 0.9 → 1/4, 0.8 → 1/2, 0.7 → 1/3, 0.6 → 3/4 − 1/6 = 7/12 (best), 0.5 → 5/12, 0.4 → 1/2.
        var t = YoudenThreshold.Choose(HandWorkedCases.Truth, HandWorkedCases.Score);

        // Halfway in logit between 0.6 and 0.5: σ(logit(0.6) / 2).
        Assert.Equal(1 / (1 + Math.Exp(-Math.Log(0.6 / 0.4) / 2)), t, 9);
        var m = BinaryMetrics.Compute(HandWorkedCases.Truth, HandWorkedCases.Score, t);
        Assert.Equal(3.0 / 4, m.Sensitivity, 12);
        Assert.Equal(5.0 / 6, m.Specificity, 12);
    }

    [Fact]
    public void RareLabelScoredLow_GetsAThresholdFarBelowOneHalf()
    {
        // A rare label the network ranks perfectly but scores below 0.5: at 0.5 it finds nothing.
        bool[] truth = [true, true, false, false, false, false, false, false, false, false];
        double[] score = [0.2, 0.15, 0.05, 0.04, 0.03, 0.03, 0.02, 0.02, 0.01, 0.01];

        var t = YoudenThreshold.Choose(truth, score);

        Assert.InRange(t, 0.05, 0.15);
        Assert.Equal(1.0, BinaryMetrics.Compute(truth, score, t).Sensitivity);
        Assert.Equal(1.0, BinaryMetrics.Compute(truth, score, t).Specificity);
    }

    [Fact]
    public void EqualJ_TakesTheHigherThreshold()
    {
        // Cut at 0.9: J = 1/2 − 0; at 0.7: J = 1 − 1/2. Of the two, fewer false alarms.
        var t = YoudenThreshold.Choose([true, false, true, false], [0.9, 0.8, 0.7, 0.6]);

        Assert.InRange(t, 0.8, 0.9);
    }

    [Theory]
    [InlineData(new[] { true, true }, new[] { 0.3, 0.7 })]
    [InlineData(new[] { false, false }, new[] { 0.3, 0.7 })]
    [InlineData(new[] { true, false }, new[] { 0.4, 0.4 })]
    public void NoUsefulCut_GivesTheFallback(bool[] truth, double[] score)
    {
        Assert.Equal(0.5, YoudenThreshold.Choose(truth, score));
        Assert.Equal(0.3, YoudenThreshold.Choose(truth, score, fallback: 0.3));
    }

    [Fact]
    public void SaturatedProbabilities_StillGiveAThresholdInsideZeroOne()
    {
        var t = YoudenThreshold.Choose([true, false], [1.0, 0.0]);

        Assert.InRange(t, 1e-9, 1 - 1e-9);
        Assert.Equal(0.5, t, 6);
    }
}
