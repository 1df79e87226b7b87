using System.Text.Json;
using Ich.Pipeline.SelectSeries;
using Ich.Pipeline.Tests.Fixtures;

namespace Ich.Pipeline.Tests.SelectSeries;

[Collection(PipelineCollection.Name)]
public sealed class SelectSeriesOperatorTests(PipelineFixture fixture)
{
    [Fact]
    public void GivenAStudyWithDistractors_WhenSelected_ThenTheBrainSeriesIsChosenInPositionOrderAndTheOthersExplained()
    {
        var selection = fixture.Select();

        Assert.True(selection.IsAccepted, selection.Refusal);
        Assert.Contains("BRAIN", selection.SeriesLabel);
        Assert.Equal(2, selection.NotChosen.Count);
        Assert.True(selection.Instances.Count >= InputGuard.MinimumSlices);
        Assert.Equal(selection.Instances.OrderBy(i => i.PositionMm).Select(i => i.SopInstanceUid), selection.Instances.Select(i => i.SopInstanceUid));
        Assert.Equal(256, selection.Geometry!.Columns);
    }

    [Fact]
    public void GivenASelection_WhenSerialised_ThenItRoundTripsWithoutPixelsOrTheInProcessAssembly()
    {
        var selection = fixture.Select();

        var json = JsonSerializer.Serialize(selection);
        var back = JsonSerializer.Deserialize<SeriesSelection>(json)!;

        Assert.DoesNotContain("Assembly", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(selection.Instances, back.Instances);
        Assert.Null(back.Assembly);
        var inProcess = Ich.Pipeline.Normalize.NormalizeOperator.Run(selection).Volume;
        var afterRoundTrip = Ich.Pipeline.Normalize.NormalizeOperator.Run(back).Volume;
        Assert.Equal(inProcess.Hounsfield, afterRoundTrip.Hounsfield);
        Assert.Equal(inProcess.SopInstanceUids, afterRoundTrip.SopInstanceUids);
        Assert.Equal(back.Instances.Select(i => i.Source), afterRoundTrip.SourceNames);
    }

    [Fact]
    public void GivenADeserialisedSelectionWhoseInstanceIsGone_WhenNormalized_ThenRefusedNamingTheSeries()
    {
        var selection = fixture.Select();
        var back = JsonSerializer.Deserialize<SeriesSelection>(JsonSerializer.Serialize(selection))! with
        {
            Instances = [.. selection.Instances.Skip(1), selection.Instances[0] with { Source = "no/such/file.dcm" }],
        };

        var error = Assert.Throws<Ich.Pipeline.Normalize.SeriesRefusedException>(() => Ich.Pipeline.Normalize.NormalizeOperator.Run(back));

        Assert.Contains("no longer in the upload", error.Message);
    }

    [Fact]
    public void GivenContrast_WhenGuarded_ThenRefusedNamingTheAgent() =>
        Assert.Contains("contrast", InputGuard.CheckHeaders(new SourceStudy { ContrastBolusAgent = "IOHEXOL" }, 30));

    [Fact]
    public void GivenAChestBodyPart_WhenGuarded_ThenRefused() =>
        Assert.Contains("not a head", InputGuard.CheckHeaders(new SourceStudy { BodyPartExamined = "CHEST" }, 30));

    [Fact]
    public void GivenAHeadWithEnoughSlices_WhenGuarded_ThenAccepted() =>
        Assert.Null(InputGuard.CheckHeaders(new SourceStudy { BodyPartExamined = "Head" }, 30));

    [Fact]
    public void GivenNineSlices_WhenGuarded_ThenRefused() =>
        Assert.Contains("9 slices", InputGuard.CheckHeaders(new SourceStudy(), 9));
}
