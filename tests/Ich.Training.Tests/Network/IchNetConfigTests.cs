using Ich.Training.Network;

namespace Ich.Training.Tests.Network;

public sealed class IchNetConfigTests
{
    [Fact]
    public void NonPositiveChannelCount_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IchNetConfig { StemChannels = 0 });

        Assert.Equal(nameof(IchNetConfig.StemChannels), error.ParamName);
    }

    [Fact]
    public void StageWithNoChannels_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IchNetConfig { StageChannels = [16, 0] });
    }

    [Fact]
    public void EmptyBlocksPerStage_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IchNetConfig { BlocksPerStage = [] });
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void DropoutOutsideUnitInterval_Throws(double dropout)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IchNetConfig { Dropout = dropout });
    }

    [Fact]
    public void StageListsOfDifferentLength_FailValidation()
    {
        var config = new IchNetConfig { StageChannels = [16, 32], BlocksPerStage = [1, 1, 1] };

        Assert.Throws<ArgumentException>(() => config.Validate());
    }

    [Fact]
    public void StageChannels_AreCopiedOnInit()
    {
        int[] channels = [16, 32];
        var config = new IchNetConfig { StageChannels = channels, BlocksPerStage = [1, 1] };

        channels[1] = 99;

        Assert.Equal([16, 32], config.StageChannels);
    }

    [Fact]
    public void Equality_ComparesListsByValue()
    {
        var a = new IchNetConfig { StageChannels = [8, 16], BlocksPerStage = [2, 1] };
        var b = new IchNetConfig { StageChannels = [8, 16], BlocksPerStage = [2, 1] };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { GruHidden = 32 });
    }
}
