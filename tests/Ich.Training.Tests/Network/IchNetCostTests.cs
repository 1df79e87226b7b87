using Ich.Training.Network;

namespace Ich.Training.Tests.Network;

public sealed class IchNetCostTests
{
    private static readonly IchNetConfig Tiny = new() { InputChannels = 1, StemChannels = 2, StageChannels = [2, 4], BlocksPerStage = [1, 1], GruHidden = 3, LabelCount = 2 };

    [Fact]
    public void GivenATinyNetwork_WhenCounted_ThenTheMacsAreTheHandCountedOnes()
    {
        // 8² input: stem 3×3/2 → 4², 1→2 ch: 16·2·1·9 = 288. Stage 0 (2→2, stride 1): 16·2·2·9 ·2 convs = 1152.
        // Stage 1 (2→4, stride 2) → 2²: 4·4·2·9 = 288, 4·4·4·9 = 576, 1×1 shortcut 4·4·2 = 32. Encoder 2336.
        // GRU 2 dir · 3 gates · 3 · (4 + 3) = 126, slice head 2·3·2 = 12. Grad-CAM 2 · (2·3·3·4 + 4·2·2) = 176.
        // Subject head 4·3·2 = 24.
        var cost = IchNetCost.Of(Tiny, 8);

        Assert.Equal(new IchNetCost(2336, 138, 176, 24), cost);
        Assert.Equal(10 * (2336 + 138 + 176) + 24, cost.PerSeries(10));
        Assert.Equal(10 * (2336 + 138) + 24, cost.PerSeries(10, gradCam: false));
    }

    [Fact]
    public void GivenAnOddInput_WhenCounted_ThenStridedMapsRoundUp()
    {
        // 9² → stem ⌊8/2⌋+1 = 5², not 4²: 25·2·1·9 = 450 for the stem alone.
        var even = IchNetCost.Of(Tiny, 8).EncoderPerSlab;
        var odd = IchNetCost.Of(Tiny, 9).EncoderPerSlab;

        Assert.Equal(450 + 25 * 2 * 2 * 9 * 2 + (9 * 4 * 2 * 9 + 9 * 4 * 4 * 9 + 9 * 4 * 2), odd);
        Assert.True(odd > even);
    }
}
