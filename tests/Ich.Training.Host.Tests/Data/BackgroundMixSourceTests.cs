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

    [Fact]
    public void WithTwins_RealHeadsComeAsPairs_APositiveThenTheSameReacquisitionWithoutItsBleed()
    {
        Assert.True(File.Exists(Cranium), $"{Cranium} is missing: install Debian's invesalius-examples (./build.sh deps does).");
        var source = new BackgroundMixSource(new PhantomSeriesSource(5, share512: 0, twins: true), [Cranium], 1.0, seed: 9, TextWriter.Null);
        Assert.True(source.Pairs);

        for (var pair = 0; pair < 2; pair++)
        {
            var positive = source.Get(2 * pair);
            var lesionFree = source.Get(2 * pair + 1);

            Assert.StartsWith("inserted:", positive.Source, StringComparison.Ordinal);
            Assert.Equal(pair, positive.TwinPair);
            Assert.Equal(pair, lesionFree.TwinPair);
            Assert.NotEqual(0, positive.SubjectMask);
            Assert.Equal(0, lesionFree.SubjectMask);
            Assert.Equal(positive.Volume.Voxels.Length, lesionFree.Volume.Voxels.Length);
            // Alike except where the bleed and its mass effect were written (the insertion tests check where): most
            // voxels are equal, some differ; another re-acquisition of the head would differ almost everywhere.
            var differing = positive.Volume.Voxels.Zip(lesionFree.Volume.Voxels).Count(v => v.First != v.Second);
            Assert.InRange(differing, 1, positive.Volume.Voxels.Length / 4);
        }
    }

    [Fact]
    public void WithTwins_TheShareIsDrawnPerPair_SoNoPhantomPairIsSplit()
    {
        Assert.True(File.Exists(Cranium), $"{Cranium} is missing: install Debian's invesalius-examples (./build.sh deps does).");
        var source = new BackgroundMixSource(new PhantomSeriesSource(5, share512: 0, twins: true), [Cranium], 0.5, seed: 9, TextWriter.Null);

        var real = 0;
        for (var pair = 0; pair < 8; pair++)
        {
            var first = source.Get(2 * pair).Source;
            var second = source.Get(2 * pair + 1).Source;
            Assert.Equal(first.StartsWith("inserted:", StringComparison.Ordinal), second.StartsWith("inserted:", StringComparison.Ordinal));
            if (first.StartsWith("inserted:", StringComparison.Ordinal)) real++;
        }

        Assert.InRange(real, 1, 7);
    }
}
