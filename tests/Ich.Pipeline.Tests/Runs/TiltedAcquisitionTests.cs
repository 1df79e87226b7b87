using Ich.Phantoms;
using Ich.Phantoms.Output;
using Ich.Pipeline.Runs;
using Ich.Pipeline.Tests.Fixtures;

namespace Ich.Pipeline.Tests.Runs;

/// <summary>
/// Head CT is often acquired with the gantry tilted 15–30° along the orbitomeatal line: such a series is analysed,
/// with a warning, not refused as "not axial".
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class TiltedAcquisitionTests(PipelineFixture fixture)
{
    [Fact]
    public void GivenA25DegreeGantryTiltedPhantom_WhenAnalysed_ThenItIsAnalysedWithATiltWarning()
    {
        var uploads = fixture.NewFolder();
        CohortWriter.Write(new CohortRequest
        {
            OutputFolder = uploads,
            Studies = 1,
            Seed = 25,
            Distractors = true,
            Options = new PhantomOptions { Matrix = 256, SliceThicknessMm = 5f, GantryTiltDegrees = -25f, Hemorrhage = true },
        });

        var results = AnalysisRun.Run([Path.Combine(uploads, CohortWriter.FolderName(0))], fixture.Model, fixture.NewFolder());

        var series = Assert.Single(Assert.Single(results.Studies).Series);
        Assert.True(series.IsOk, series.Error);
        Assert.Contains(series.Warnings, w => w.Contains("gantry tilt", StringComparison.Ordinal) && w.Contains("25", StringComparison.Ordinal));
        Assert.NotEmpty(series.Slices);
    }
}
