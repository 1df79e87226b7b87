using Ich.Evaluation.Metrics;
using Ich.Evaluation.TwoStage;

namespace Ich.Evaluation.Tests.TwoStage;

public class TwoStageScoresTests
{
    [Fact]
    public void Score_IchPositive_KeepsTheSubtypeProbability()
    {
        Assert.Equal(0.6, TwoStageScores.Score(pAny: 0.7, pSubtype: 0.6));
        Assert.Equal(0.3, TwoStageScores.Score(pAny: 0.5, pSubtype: 0.3));
    }

    [Fact]
    public void Score_IchNegative_MultipliesByPAnyAndStaysBelowThreshold()
    {
        // 0.9 × 0.4 = 0.36 < 0.5: the subtype model's confident 0.9 cannot make an ICH-negative subject positive.
        Assert.Equal(0.36, TwoStageScores.Score(pAny: 0.4, pSubtype: 0.9), 12);
        Assert.True(TwoStageScores.Score(pAny: 0.4999, pSubtype: 1.0) < BinaryMetrics.DefaultThreshold);
    }

    [Fact]
    public void Score_NeverDecreasesWhenEitherProbabilityRises()
    {
        double[] grid = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();

        foreach (var a in grid)
        {
            foreach (var s in grid)
            {
                var score = TwoStageScores.Score(a, s);
                Assert.True(TwoStageScores.Score(Math.Min(1, a + 0.05), s) >= score, $"p_any {a}, p_sub {s}");
                Assert.True(TwoStageScores.Score(a, Math.Min(1, s + 0.05)) >= score, $"p_any {a}, p_sub {s}");
            }
        }
    }

    [Fact]
    public void Apply_ThenMetrics_CountsIchNegativeSubjectsAsSubtypeNegative()
    {
        // Subject 1 is subdural-positive and the subtype model says 0.95, but p(any) = 0.3 gates it out: FN.
        // Subject 2 is subdural-negative with p_sub 0.8 but p(any) 0.2: TN instead of the FP the raw score gives.
        bool[] subdural = [true, true, false, false];
        double[] pAny = [0.9, 0.3, 0.2, 0.8];
        double[] pSub = [0.7, 0.95, 0.8, 0.1];

        var m = BinaryMetrics.Compute(subdural, TwoStageScores.Apply(pAny, pSub));

        Assert.Equal(new ConfusionCounts(TruePositives: 1, FalsePositives: 0, TrueNegatives: 2, FalseNegatives: 1), m.Counts);
    }

    [Fact]
    public void Score_ProbabilityOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoStageScores.Score(1.2, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoStageScores.Score(0.5, double.NaN));
    }
}
