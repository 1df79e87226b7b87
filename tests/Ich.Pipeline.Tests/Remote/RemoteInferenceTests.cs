using Ich.Inference.Client;
using Ich.Inference.Models;
using Ich.Pipeline.Explain;
using Ich.Pipeline.Infer;
using Ich.Pipeline.Publish;
using Ich.Pipeline.Runs;

namespace Ich.Pipeline.Tests.Remote;

/// <summary>The serverless seam: the model in the inference service, Explain and Publish where there is no model, with what <c>ich analyze</c> gives.</summary>
public sealed class RemoteInferenceTests(RemoteFixture fixture) : IClassFixture<RemoteFixture>
{
    private static readonly InferRequestOptions WithGradCam = new() { GradCam = true };

    [Fact]
    public async Task GivenABleed_WhenInferredRemotely_ThenTheFindingsAreTheInProcessOnes()
    {
        var series = fixture.Normalize();
        var local = InferOperator.Run(series, fixture.Model).Findings;

        var remote = InferOperator.FromResponse(series, await fixture.Client.InferAsync(series.ToHuVolume(), WithGradCam));

        Assert.True(local.Labels[ModelLabels.Any].Positive, "the shipped model should find this bleed");
        Assert.True(local.PositiveLabels.Count > 2, $"subtypes should be found too: {string.Join(", ", local.PositiveLabels)}");
        Assert.Equal(local.PositiveLabels, remote.PositiveLabels);
        Assert.Equal(local.FiveTypeRun, remote.FiveTypeRun);
        Assert.Equal(local.Model, remote.Model);
        Assert.Equal(local.Labels.Keys, remote.Labels.Keys);
        foreach (var (label, finding) in local.Labels) Assert.Equal(finding.Probability!.Value, remote.Labels[label].Probability!.Value, 1e-5);
        Assert.Equal(local.Slices.Select(s => s.SopInstanceUid), remote.Slices.Select(s => s.SopInstanceUid));
        for (var z = 0; z < local.Slices.Count; z++)
        {
            foreach (var (label, p) in local.Slices[z].Probabilities) Assert.Equal(p!.Value, remote.Slices[z].Probabilities[label]!.Value, 1e-5);
        }
    }

    [Fact]
    public async Task GivenABleed_WhenExplainedFromTheResponse_ThenEveryHeatmapMatchesTheInProcessOne()
    {
        var series = fixture.Normalize();
        var inference = InferOperator.Run(series, fixture.Model);
        var response = await fixture.Client.InferAsync(series.ToHuVolume(), WithGradCam);
        var remoteFindings = InferOperator.FromResponse(series, response);

        var local = ExplainOperator.Project(series, inference.Findings, GradCamSet.FromPrediction(inference.Input, inference.Prediction)!).ToList();
        var warnings = new List<string>();
        var remote = ExplainOperator.Project(series, remoteFindings, GradCamSet.FromResponse(response)!, warnings.Add).ToList();

        Assert.True(local.Count > 15, $"{local.Count} heatmaps: expected the positive slices, several labels each");
        Assert.Contains(local, h => h.Label != ModelLabels.Any);
        Assert.Empty(warnings);
        Assert.Equal(local.Select(h => (h.SliceIndex, h.Label)), remote.Select(h => (h.SliceIndex, h.Label)));
        for (var i = 0; i < local.Count; i++)
        {
            var r = Pearson(local[i].Heat, remote[i].Heat);
            Assert.True(r >= 0.999, $"slice {local[i].SliceIndex + 1} {local[i].Label}: Pearson {r}");
        }
    }

    [Fact]
    public async Task GivenABleed_WhenExplainedAndPublishedFromTheResponse_ThenTheSameOutputsAreWritten()
    {
        var series = fixture.Normalize();
        var (localFolder, remoteFolder) = (fixture.NewFolder(), fixture.NewFolder());
        var inference = InferOperator.Run(series, fixture.Model);
        var localExplained = ExplainOperator.Run(series, inference, localFolder);
        var localResult = PublishOperator.Run(new PublishRequest(localFolder, series.Selection, inference.Findings, localExplained, series.Selection.Warnings));

        var response = await fixture.Client.InferAsync(series.ToHuVolume(), WithGradCam);
        var findings = InferOperator.FromResponse(series, response);
        var remoteExplained = ExplainOperator.FromResponse(series, findings, response, remoteFolder);
        var remoteResult = PublishOperator.Run(new PublishRequest(remoteFolder, series.Selection, findings, remoteExplained, series.Selection.Warnings));

        Assert.Equal(AnalysisResults.Ok, remoteResult.Status);
        Assert.Equal(localResult.Warnings, remoteResult.Warnings);
        Assert.Equal(localResult.Outputs.Keys.Order(), remoteResult.Outputs.Keys.Order());
        Assert.Equal(Relative(localFolder, localResult.Heatmaps), Relative(remoteFolder, remoteResult.Heatmaps));
        Assert.NotEmpty(remoteResult.Heatmaps);
        Assert.All(remoteResult.Heatmaps, path => Assert.True(new FileInfo(path).Length > 0));
    }

    [Fact]
    public async Task GivenAResponseWithoutGradCam_WhenExplained_ThenItWarnsAndDrawsNoHeatmap()
    {
        var series = fixture.Normalize();
        var response = await fixture.Client.InferAsync(series.ToHuVolume(), InferRequestOptions.Default);
        var findings = InferOperator.FromResponse(series, response);

        var output = ExplainOperator.FromResponse(series, findings, response, fixture.NewFolder());

        Assert.Contains(ExplainOperator.NoRemoteGradCamWarning, output.Warnings);
        Assert.Empty(output.Heatmaps);
        Assert.Equal(findings.Slices.Count(s => s.Probabilities[ModelLabels.Any] >= 0.5), output.SliceImages.Count);
    }

    [Fact]
    public async Task GivenAResponseForAnotherSeries_WhenReadAsFindings_ThenItIsRefused()
    {
        var series = fixture.Normalize();
        var response = await fixture.Client.InferAsync(series.ToHuVolume(), InferRequestOptions.Default);
        var shorter = response with { Slices = response.Slices.Take(response.Slices.Count - 1).ToArray() };

        var e = Assert.Throws<ArgumentException>(() => InferOperator.FromResponse(series, shorter));

        Assert.Contains("slices", e.Message);
    }

    private static IEnumerable<string> Relative(string folder, IEnumerable<string> paths) => paths.Select(p => Path.GetRelativePath(folder, p));

    private static double Pearson(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
