using Ich.Pipeline.Normalize;
using Ich.Pipeline.Tests.Fixtures;
using Ich.Preprocessing;

namespace Ich.Pipeline.Tests.Normalize;

[Collection(PipelineCollection.Name)]
public sealed class FieldOfViewCheckTests(PipelineFixture fixture)
{
    /// <summary>Slices of a 64² image with a skull ring of <paramref name="radius"/> pixels about the centre.</summary>
    private static HuVolume Ring(double radius, int slices = 12)
    {
        const int size = 64;
        var voxels = new float[size * size * slices];
        for (var z = 0; z < slices; z++)
        for (var r = 0; r < size; r++)
        for (var c = 0; c < size; c++)
        {
            var d = Math.Sqrt((r - 31.5) * (r - 31.5) + (c - 31.5) * (c - 31.5));
            voxels[(z * size + r) * size + c] = Math.Abs(d - radius) < 2 ? 1000f : d < radius ? 35f : -1000f;
        }

        return new HuVolume(size, size, voxels, 1, 1, Enumerable.Range(0, slices).Select(z => z * 5.0).ToArray());
    }

    [Fact]
    public void GivenAHeadInsideTheField_WhenChecked_ThenAccepted() => Assert.Null(FieldOfViewCheck.Check(Ring(24)));

    [Fact]
    public void GivenASkullCutByTheImageEdge_WhenChecked_ThenRefused() => Assert.Contains("field of view", FieldOfViewCheck.Check(Ring(36)));

    [Fact]
    public void GivenThePhantomStudy_WhenNormalized_ThenEverySelectedSliceIsInTheVolume()
    {
        var selection = fixture.Select();

        var series = NormalizeOperator.Run(selection);

        Assert.Equal(selection.Instances.Select(i => i.SopInstanceUid), series.Volume.SopInstanceUids);
    }

    [Fact]
    public void GivenARefusedSelection_WhenNormalized_ThenItThrowsWithTheReason()
    {
        var refused = fixture.Select() with { Refusal = "contrast given" };

        var e = Assert.Throws<SeriesRefusedException>(() => NormalizeOperator.Run(refused));
        Assert.Equal("contrast given", e.Message);
    }
}
