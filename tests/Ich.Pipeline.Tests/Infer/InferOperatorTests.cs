using Ich.Inference.Models;
using Ich.Pipeline.Infer;
using Ich.Pipeline.Tests.Fixtures;

namespace Ich.Pipeline.Tests.Infer;

[Collection(PipelineCollection.Name)]
public sealed class InferOperatorTests(PipelineFixture fixture)
{
    [Fact]
    public void GivenAllStages_WhenInferred_ThenEveryLabelAndSliceHasAProbability()
    {
        var series = fixture.Normalize();

        var findings = InferOperator.Run(series, fixture.Model, allStages: true).Findings;

        Assert.True(findings.FiveTypeRun);
        Assert.Equal(ModelLabels.All.Order(), findings.Labels.Keys.Order());
        Assert.All(findings.Labels.Values, l => Assert.InRange(l.Probability!.Value, 0, 1));
        Assert.Equal(series.Volume.SopInstanceUids, findings.Slices.Select(s => s.SopInstanceUid));
        Assert.All(findings.Slices, s => Assert.All(s.Probabilities.Values, p => Assert.NotNull(p)));
    }

    [Fact]
    public void GivenTheTwoStageWorkflow_WhenInferred_ThenSubtypesAreReportedOnlyWhenAnyIsPositive()
    {
        var series = fixture.Normalize();

        var inference = InferOperator.Run(series, fixture.Model);
        var any = inference.Prediction.Subject(ModelLabels.Any);

        Assert.Equal(any >= 0.5, inference.Findings.FiveTypeRun);
        foreach (var subtype in ModelLabels.Subtypes)
        {
            Assert.Equal(any >= 0.5, inference.Findings.Labels[subtype].Probability is not null);
            if (any < 0.5) Assert.False(inference.Findings.Labels[subtype].Positive);
        }
    }
}
