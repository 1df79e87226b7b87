using Ich.Training.Host.Data;

namespace Ich.Training.Host.Tests.Data;

public class BackgroundMixSourceTests
{
    // Debian's invesalius-examples (GPL-2): the one openly licensed real head CT here; build.sh installs it.
    private const string Cranium = "/usr/share/doc/invesalius-examples/examples/Cranium.inv3";

    private static BackgroundMixSource Source(double share) =>
        new(new PhantomSeriesSource(5, share512: 0), [Cranium], share, seed: 9, TextWriter.Null);

    [Fact]
    public void AllShare_DrawsInsertedRealHeadSeries_WithOneMaskPerSlice_TheSameEveryTime()
    {
        Assert.True(File.Exists(Cranium), $"{Cranium} is missing: install Debian's invesalius-examples (./build.sh deps does).");
        var first = Source(1.0);
        var second = Source(1.0);

        var positives = 0;
        for (var i = 0; i < 6; i++)
        {
            var a = first.Get(i);
            var b = second.Get(i);
            Assert.StartsWith("inserted:", a.Source, StringComparison.Ordinal);
            Assert.Equal(a.Volume.Depth, a.SliceMasks.Length);
            Assert.Equal(a.SliceMasks, b.SliceMasks);
            Assert.Equal(a.Volume.Voxels, b.Volume.Voxels);
            if (a.SubjectMask != 0) positives++;
        }

        Assert.InRange(positives, 1, 5);
    }

    [Fact]
    public void ZeroShare_IsPhantomsOnly()
    {
        Assert.True(File.Exists(Cranium), $"{Cranium} is missing: install Debian's invesalius-examples (./build.sh deps does).");

        var source = Source(0.0);

        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal("phantom", source.Get(i).Source));
        Assert.Contains("Cranium.inv3", source.Description, StringComparison.Ordinal);
    }
}
