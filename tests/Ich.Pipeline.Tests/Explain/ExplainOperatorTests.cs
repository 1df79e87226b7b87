using Ich.Pipeline.Explain;
using Ich.Pipeline.Infer;
using Ich.Pipeline.Tests.Fixtures;
using Ich.Preprocessing;

namespace Ich.Pipeline.Tests.Explain;

[Collection(PipelineCollection.Name)]
public sealed class ExplainOperatorTests(PipelineFixture fixture)
{
    [Fact]
    public void GivenAHotCamCell_WhenProjected_ThenTheSourceMaximumLiesWhereTheFrameMapsThatCell()
    {
        var frame = new ModelFrame { Size = 32, FieldOfViewMm = 230, CentreColumn = 130, CentreRow = 120, ColumnSpacingMm = 0.9, RowSpacingMm = 0.9, Transform = InPlaneTransform.Identity };
        var cam = new float[8 * 8];
        cam[2 * 8 + 5] = 3f; // row 2, column 5 of an 8×8 map over the 32² model input

        var heat = HeatmapProjector.ToSource(cam, 8, 8, frame, 256, 256);

        var peak = Array.IndexOf(heat, heat.Max());
        var (expectedColumn, expectedRow) = frame.ToSource(5 * 4 + 1.5, 2 * 4 + 1.5); // the cell's centre in model pixels
        Assert.Equal(1f, heat.Max());
        Assert.InRange(peak % 256, expectedColumn - 5, expectedColumn + 5);
        Assert.InRange(peak / 256, expectedRow - 5, expectedRow + 5);
    }

    [Fact]
    public void GivenTheSeries_WhenExplained_ThenHeatmapsExistOnlyWithAGradCamOutput()
    {
        var series = fixture.Normalize();
        var inference = InferOperator.Run(series, fixture.Model, allStages: true);

        var output = ExplainOperator.Run(series, inference, fixture.NewFolder());

        var positive = inference.Findings.Slices.Count(s => s.Probabilities["any"] >= 0.5);
        Assert.Equal(positive, output.SliceImages.Count);
        Assert.All(output.SliceImages, i => Assert.True(File.Exists(i.Path)));
        if (fixture.Model.HasGradCam)
        {
            Assert.DoesNotContain(ExplainOperator.NoGradCamWarning, output.Warnings);
            Assert.Equal(positive, output.Heatmaps.Count(h => h.Label == "any"));
        }
        else
        {
            Assert.Contains(ExplainOperator.NoGradCamWarning, output.Warnings);
            Assert.Empty(output.Heatmaps);
        }
    }

    [Fact]
    public void GivenHeat_WhenRendered_ThenHotPixelsAreRedderThanTheGreyscaleSlice()
    {
        var hu = Enumerable.Repeat(40f, 4).ToArray();
        var heat = new[] { 0f, 0f, 0f, 1f };

        var rgba = OverlayRenderer.Render(hu, 2, 2, heat);

        Assert.Equal(rgba[0], rgba[1]); // grey where there is no heat
        Assert.True(rgba[12] > rgba[14]); // red above blue at the hot pixel
    }
}
