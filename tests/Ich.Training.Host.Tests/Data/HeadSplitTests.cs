using Ich.Training.Host.Data;

namespace Ich.Training.Host.Tests.Data;

public class HeadSplitTests
{
    [Fact]
    public void OneHead_TrainsAndNothingIsHeldOut()
    {
        var split = HeadSplit.Of(["/data/head-a"], seed: 7);

        Assert.Equal(["/data/head-a"], split.Training);
        Assert.Empty(split.Validation);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 1)]
    [InlineData(10, 2)]
    [InlineData(23, 5)]
    public void SeveralHeads_AFifthIsHeldOutWhole_AndNoHeadIsOnBothSides(int count, int heldOut)
    {
        var heads = Enumerable.Range(0, count).Select(i => $"/data/head-{i:00}").ToArray();

        var split = HeadSplit.Of(heads, seed: 7);

        Assert.Equal(heldOut, split.Validation.Count);
        Assert.Empty(split.Training.Intersect(split.Validation));
        Assert.Equal(heads.Order(), split.Training.Concat(split.Validation).Order());
    }

    [Fact]
    public void TheSplit_DependsOnTheSeed_NotOnTheOrderTheHeadsWereListedIn()
    {
        var heads = Enumerable.Range(0, 10).Select(i => $"/data/head-{i:00}").ToArray();

        var first = HeadSplit.Of(heads, seed: 7);
        var reversed = HeadSplit.Of([.. heads.Reverse()], seed: 7);
        var others = Enumerable.Range(1, 20).Select(s => HeadSplit.Of(heads, seed: s).Validation).ToList();

        Assert.Equal(first.Validation, reversed.Validation);
        Assert.Contains(others, v => !v.SequenceEqual(first.Validation));
    }
}
