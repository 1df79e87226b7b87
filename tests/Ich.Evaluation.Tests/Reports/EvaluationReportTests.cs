using System.Text.Json;
using Ich.Evaluation.Metrics;
using Ich.Evaluation.Reports;
using Ich.Evaluation.Tests.Metrics;

namespace Ich.Evaluation.Tests.Reports;

public class EvaluationReportTests
{
    private static readonly BootstrapOptions FastBootstrap = new() { Resamples = 200, Seed = 4 };

    /// <summary>Subject level: "any" = the hand-worked cases, "epidural" without a single positive.
    /// Slice level: "any" = the same cases as slices of two studies.</summary>
    internal static EvaluationReport SampleReport(BootstrapOptions? options = null) =>
        new EvaluationReportBuilder(options ?? FastBootstrap)
            .AddSubjectLevel("any", HandWorkedCases.Truth, HandWorkedCases.Score)
            .AddSubjectLevel("epidural", new bool[10], HandWorkedCases.Score)
            .AddSliceLevel("any", HandWorkedCases.Truth, HandWorkedCases.Score, ["s1", "s1", "s2", "s1", "s2", "s2", "s1", "s2", "s1", "s2"])
            .Build();

    [Fact]
    public void ToJson_HasSubjectAndSliceLevelsWithLabelsInOrder()
    {
        using var json = JsonDocument.Parse(SampleReport().ToJson());

        Assert.Equal(["subject", "slice"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["any", "epidural"], json.RootElement.GetProperty("subject").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["any"], json.RootElement.GetProperty("slice").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ToJson_LabelHasExactlyTheDocumentedKeys()
    {
        using var json = JsonDocument.Parse(SampleReport().ToJson());
        var any = json.RootElement.GetProperty("subject").GetProperty("any");

        Assert.Equal(["auc", "sensitivity", "specificity", "accuracy", "f1", "n_pos", "n_neg", "ci"], any.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["auc", "sensitivity", "specificity", "accuracy", "f1"], any.GetProperty("ci").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ToJson_WritesTheHandWorkedValues()
    {
        using var json = JsonDocument.Parse(SampleReport().ToJson());
        var any = json.RootElement.GetProperty("subject").GetProperty("any");

        Assert.Equal(HandWorkedCases.Auc, any.GetProperty("auc").GetDouble(), 12);
        Assert.Equal(0.75, any.GetProperty("sensitivity").GetDouble(), 12);
        Assert.Equal(4.0 / 6, any.GetProperty("specificity").GetDouble(), 12);
        Assert.Equal(0.7, any.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(6.0 / 9, any.GetProperty("f1").GetDouble(), 12);
        Assert.Equal(4, any.GetProperty("n_pos").GetInt32());
        Assert.Equal(6, any.GetProperty("n_neg").GetInt32());
    }

    [Fact]
    public void ToJson_IntervalIsALowHighPairAroundThePointEstimate()
    {
        using var json = JsonDocument.Parse(SampleReport().ToJson());
        var ci = json.RootElement.GetProperty("subject").GetProperty("any").GetProperty("ci").GetProperty("accuracy");

        Assert.Equal(2, ci.GetArrayLength());
        Assert.InRange(0.7, ci[0].GetDouble(), ci[1].GetDouble());
    }

    [Fact]
    public void ToJson_UndefinedValuesAreNull()
    {
        using var json = JsonDocument.Parse(SampleReport().ToJson());
        var epidural = json.RootElement.GetProperty("subject").GetProperty("epidural");

        Assert.Equal(JsonValueKind.Null, epidural.GetProperty("auc").ValueKind);
        Assert.Equal(JsonValueKind.Null, epidural.GetProperty("sensitivity").ValueKind);
        Assert.All(epidural.GetProperty("ci").GetProperty("auc").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        Assert.Equal(0, epidural.GetProperty("n_pos").GetInt32());
    }

    [Fact]
    public void Build_SliceLevel_ResamplesByStudy()
    {
        // Two studies of five slices: s1 is 4/5 right (one FP at 0.7), s2 3/5 (FP at 0.5, FN at 0.4). A resample
        // draws {s1, s1}, {s1, s2} or {s2, s2}: accuracy 0.8, 0.7 or 0.6 and nothing else, so both ends of the
        // interval are among those three; slices resampled one by one would give tenths such as 0.5 or 0.9.
        var slice = SampleReport(new BootstrapOptions { Resamples = 300, Seed = 8 }).Slice.Single();
        var ci = slice.Intervals[Metric.Accuracy];

        Assert.Equal(0.6, ci.Lower, 12);
        Assert.Equal(0.8, ci.Upper, 12);
    }

    [Fact]
    public void AddSubjectLevel_SameLabelTwice_Throws()
    {
        var builder = new EvaluationReportBuilder().AddSubjectLevel("any", [true], [0.6]);

        Assert.Throws<ArgumentException>(() => builder.AddSubjectLevel("any", [false], [0.2]));
    }
}
