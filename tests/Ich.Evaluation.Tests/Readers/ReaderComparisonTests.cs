using Ich.Evaluation.Metrics;
using Ich.Evaluation.Readers;

namespace Ich.Evaluation.Tests.Readers;

public class ReaderComparisonTests
{
    [Fact]
    public void Score_EachReader_AgainstTheReference()
    {
        // R1: TP 2 (S1, S2), FN 1 (S3), TN 2 (S4, S5), FP 1 (S6): sensitivity = specificity = 2/3, accuracy 4/6,
        // AUC of a 0/1 read = (2/3 + 2/3) / 2.
        var any = ReaderComparison.Score(ThreeReaders.Reads, ThreeReaders.Reference).Single();
        var r1 = any.ByReader["R1"];

        Assert.Equal(new ConfusionCounts(2, 1, 2, 1), r1.Counts);
        Assert.Equal(2.0 / 3, r1.Sensitivity, 12);
        Assert.Equal(2.0 / 3, r1.Auc, 12);
        Assert.Equal(1.0, any.ByReader["R2"].Accuracy, 12);
    }

    [Fact]
    public void Score_Summary_IsMeanAndSampleSdAcrossReaders()
    {
        // Sensitivity 2/3, 1, 1/3: mean 2/3, deviations 0, ±1/3 → sd = √((2/9) / 2) = 1/3.
        // Specificity 2/3, 1, 1: mean 8/9, deviations −2/9, 1/9, 1/9 → sd = √((6/81) / 2) = √(1/27).
        var summary = ReaderComparison.Score(ThreeReaders.Reads, ThreeReaders.Reference).Single().Summary;

        Assert.Equal(2.0 / 3, summary[Metric.Sensitivity].Mean, 12);
        Assert.Equal(1.0 / 3, summary[Metric.Sensitivity].StandardDeviation, 12);
        Assert.Equal(8.0 / 9, summary[Metric.Specificity].Mean, 12);
        Assert.Equal(Math.Sqrt(1.0 / 27), summary[Metric.Specificity].StandardDeviation, 12);
        Assert.Equal(3, summary[Metric.Sensitivity].Count);
    }

    [Fact]
    public void ToMarkdown_ShowsMeanPlusMinusSd()
    {
        var text = ReaderComparison.ToMarkdown(ReaderComparison.Score(ThreeReaders.Reads, ThreeReaders.Reference));

        Assert.Contains("| any | 0.667 ± 0.333 | 0.889 ± 0.192 |", text);
    }

    [Fact]
    public void Score_ReadOfSubjectWithoutReference_Throws()
    {
        var reads = ReaderReads.Parse(new StringReader("reader,subject,label,value\nR1,S9,any,1\n"));

        Assert.Throws<ArgumentException>(() => ReaderComparison.Score(reads, ThreeReaders.Reference));
    }
}
