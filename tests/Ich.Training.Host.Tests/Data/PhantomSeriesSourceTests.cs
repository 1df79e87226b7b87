using Ich.Preprocessing;
using Ich.Training.Host.Data;
using Ich.Training.Host.Training;

namespace Ich.Training.Host.Tests.Data;

public class PhantomSeriesSourceTests
{
    private static PhantomSeriesSource Twins(double prevalence = 0.65) => new(3, prevalence, share512: 0, twins: true);

    /// <summary>The first twin pair of a source: its positive and lesion-free items.</summary>
    private static (LabelledSeries Positive, LabelledSeries LesionFree) FirstPair(PhantomSeriesSource source)
    {
        var j = Enumerable.Range(0, 50).First(j => source.IsTwin(2 * j));
        return (source.Get(2 * j), source.Get(2 * j + 1));
    }

    [Fact]
    public void TwinItems_ArePositiveThenTheSameSubjectWithoutLesions_WithTheSameGeometry()
    {
        var (positive, free) = FirstPair(Twins());

        Assert.NotNull(positive.TwinPair);
        Assert.Equal(positive.TwinPair, free.TwinPair);
        Assert.Equal(positive.GroupKey, free.GroupKey);
        Assert.NotEqual(0, positive.SubjectMask);
        Assert.All(free.SliceMasks, m => Assert.Equal(0, m));
        Assert.Equal((positive.Volume.Width, positive.Volume.Height), (free.Volume.Width, free.Volume.Height));
        Assert.Equal(positive.Volume.RowSpacingMm, free.Volume.RowSpacingMm);
        Assert.Equal(positive.Volume.SlicePositionsMm, free.Volume.SlicePositionsMm);
    }

    [Fact]
    public void TwinItems_DifferOnlyInsideTheHead_AndOnLabelledSlices()
    {
        var (positive, free) = FirstPair(Twins());
        var a = positive.Volume;
        var b = free.Volume;

        var differing = 0;
        for (var k = 0; k < a.Depth; k++)
        {
            var sa = a.Slice(k);
            var sb = b.Slice(k);
            var sliceDiffers = false;
            for (var i = 0; i < sa.Length; i++)
            {
                if (sa[i] == sb[i]) continue;
                differing++;
                sliceDiffers = true;
                // Noise, air, scalp and skull are the same draw: only soft tissue inside the skull changes.
                Assert.InRange(sb[i], -200f, 1000f);
            }
            if (positive.SliceMasks[k] != 0) Assert.True(sliceDiffers, $"Slice {k} is labelled but equals its twin.");
        }
        Assert.InRange(differing, 1, a.Voxels.Length / 10);
    }

    [Fact]
    public void TwinPairs_KeepTheSubjectPrevalence()
    {
        foreach (var prevalence in new[] { 0.1, 0.4, 0.5, 0.65, 0.9 })
        {
            var source = Twins(prevalence);
            Assert.InRange(source.OrdinaryPrevalence, 0, 1);
            Assert.Equal(prevalence, source.TwinShare / 2 + (1 - source.TwinShare) * source.OrdinaryPrevalence, 9);
        }

        var twins = Twins();
        var inPairs = Enumerable.Range(0, 4000).Count(twins.IsTwin);
        Assert.All(Enumerable.Range(0, 200), j => Assert.Equal(twins.IsTwin(2 * j), twins.IsTwin(2 * j + 1)));
        Assert.InRange(inPairs / 4000.0, twins.TwinShare - 0.05, twins.TwinShare + 0.05);
        Assert.Contains("twin pairs", twins.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTwins_NoItemIsATwin()
    {
        var source = new PhantomSeriesSource(3, share512: 0);

        Assert.All(Enumerable.Range(0, 20), i => Assert.False(source.IsTwin(i)));
        Assert.Null(source.Get(0).TwinPair);
        Assert.DoesNotContain("twin", source.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void SlabPool_FollowsATwinsPositiveSlabWithTheSameSlabOfItsLesionFreeTwin()
    {
        var source = Twins();
        var j = Enumerable.Range(0, 50).First(j => source.IsTwin(2 * j));
        var other = Enumerable.Range(0, 50).First(i => !source.IsTwin(i));
        var contract = InputContract.Default with { InputSize = 32 };
        PreparedSeries Prepare(int index)
        {
            var series = source.Get(index);
            return PreparedSeries.Prepare(series, contract, new ScannerAugmentation(), PreparedSeries.AugmentationRandom(7, index, 13, series));
        }
        var positive = Prepare(2 * j);
        var free = Prepare(2 * j + 1);
        PreparedSeries[] pool = [Prepare(other), positive, free];
        var slab = Enumerable.Range(0, positive.Input.SlabCount).First(s => positive.SlabTargets[s * LabelledSeries.LabelCount] > 0);

        var drawn = SlabPoolTrainer.DrawBatchSlab(pool, new Random(1), 1, (positive, slab));

        Assert.Same(free, drawn.Series);
        Assert.Equal(slab, drawn.Slab);
    }

    [Fact]
    public void TwinMembers_ShareTheirAugmentationDraw_OrdinaryItemsDoNot()
    {
        var source = Twins();
        var j = Enumerable.Range(0, 50).First(j => source.IsTwin(2 * j));
        var ordinary = Enumerable.Range(0, 50).Where(i => !source.IsTwin(i)).Take(2).ToArray();
        int Draw(int index) => PreparedSeries.AugmentationRandom(7, index, 13, source.Get(index)).Next();

        Assert.Equal(Draw(2 * j), Draw(2 * j + 1));
        Assert.NotEqual(Draw(ordinary[0]), Draw(ordinary[1]));
    }
}
