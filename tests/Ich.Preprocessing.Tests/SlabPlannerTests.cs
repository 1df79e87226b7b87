using Ich.Preprocessing;

namespace Ich.Preprocessing.Tests;

public class SlabPlannerTests
{
    private static double[] Positions(int count, double spacing) => [.. Enumerable.Range(0, count).Select(i => i * spacing)];

    [Fact]
    public void ThickSlices_AreUsedOneByOne()
    {
        var slabs = SlabPlanner.Plan(Positions(30, 5), 5f);

        Assert.Equal(30, slabs.Count);
        Assert.All(slabs, s => Assert.Equal(1, s.SliceCount));
    }

    [Fact]
    public void ThinSlices_AreGroupedToTheSlabThickness()
    {
        // 0.625 mm → round(5 / 0.625) = 8 slices a slab: 40 slices make 5 slabs.
        var slabs = SlabPlanner.Plan(Positions(40, 0.625), 5f);

        Assert.Equal(5, slabs.Count);
        Assert.All(slabs, s => Assert.Equal(8, s.SliceCount));
    }

    [Fact]
    public void LastPartialSlab_KeepsTheRemainingSlices()
    {
        // 1.25 mm → 4 a slab; 37 slices = 9 full slabs + 1 slab of 1: no slice is left out.
        var slabs = SlabPlanner.Plan(Positions(37, 1.25), 5f);

        Assert.Equal(10, slabs.Count);
        Assert.Equal(1, slabs[^1].SliceCount);
        Assert.Equal(37, slabs.Sum(s => s.SliceCount));
        Assert.Equal(37, slabs[^1].EndSlice);
    }

    [Fact]
    public void SlicesThreeQuartersAsThick_AreNotGrouped()
    {
        Assert.Equal(20, SlabPlanner.Plan(Positions(20, 4), 5f).Count);
    }
}
