using Ich.Phantoms.Rendering;

namespace Ich.Phantoms.Tests.Rendering;

/// <summary>The slice sensitivity profile whose closed form gives the inner table's partial volume.</summary>
public class SliceProfileTests
{
    [Theory]
    [InlineData(0.625f)]
    [InlineData(2.5f)]
    [InlineData(5f)]
    public void Cumulative_IsADistributionSymmetricAboutTheSliceCentre(float thickness)
    {
        var profile = new SliceProfile(thickness);
        Assert.Equal(0.5f, profile.Cumulative(0f), 4);
        Assert.True(profile.Cumulative(-profile.ReachMm) < 1e-3f);
        Assert.True(profile.Cumulative(profile.ReachMm) > 1f - 1e-3f);
        var previous = 0f;
        for (var o = -profile.ReachMm; o <= profile.ReachMm; o += thickness / 50f)
        {
            var c = profile.Cumulative(o);
            Assert.True(c >= previous - 1e-5f, $"not monotone at {o} mm");
            Assert.Equal(1f, c + profile.Cumulative(-o), 3);
            previous = c;
        }
    }

    [Fact]
    public void Profile_HasTailsBeyondTheNominalSlab_AndIsLinearInsideIt()
    {
        // A boxcar alone has no weight past ±t/2; a real profile has (its width at a tenth of the peak is ~2 t).
        var profile = new SliceProfile(5f);
        var beyond = 1f - profile.Cumulative(2.5f);
        Assert.InRange(beyond, 0.05f, 0.2f);
        // Near the centre the weight is nearly flat, as in the boxcar: equal steps give nearly equal increments.
        var a = profile.Cumulative(0.5f) - profile.Cumulative(0f);
        var b = profile.Cumulative(1f) - profile.Cumulative(0.5f);
        Assert.Equal(a, b, 2);
    }

    [Theory]
    [InlineData(0f, 0.5)]
    [InlineData(1f, 0.8413447)]
    [InlineData(-1.96f, 0.0249979)]
    [InlineData(3f, 0.9986501)]
    public void NormalCdf_MatchesTheTabulatedValues(float x, double expected) =>
        Assert.Equal(expected, SliceProfile.NormalCdf(x), 5);

    [Fact]
    public void ShareBeyond_GrowsSmoothlyAsTheSliceApproachesTheTable()
    {
        var profile = new SliceProfile(5f);
        // Slice normal along the radius (the vertex): the table sits `depth` mm above the sample.
        Assert.Equal(0f, profile.ShareBeyond(20f, -1f, 0f));
        Assert.Equal(1f, profile.ShareBeyond(-20f, -1f, 0f));
        Assert.Equal(0.5f, profile.ShareBeyond(0f, -1f, 0f), 4);
        // Slice normal tangential to the table (mid-convexity): the profile never crosses it.
        Assert.Equal(0f, profile.ShareBeyond(0.3f, 0f, 0f));
        // The blood-like band: a few per cent of bone in the profile where a nominal 5 mm slab would hold none.
        var tail = profile.ShareBeyond(3f, -1f, 0f);
        Assert.InRange(tail, 0.005f, 0.08f);
        var previous = 0f;
        for (var depth = 10f; depth >= -10f; depth -= 0.1f)
        {
            var share = profile.ShareBeyond(depth, -0.7f, 0.8f);
            Assert.True(share >= previous - 1e-5f && share - previous < 0.05f, $"jump at depth {depth}");
            previous = share;
        }
        // Offsets and rates trade places: the sample's own offset shifts where the crossing falls.
        Assert.Equal(profile.ShareBeyond(1f, -1f, 0f), profile.ShareBeyond(0f, -1f, 1f), 4);
    }
}
