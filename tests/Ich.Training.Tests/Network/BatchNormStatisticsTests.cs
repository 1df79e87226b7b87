using Ich.Training.Network;
using static TorchSharp.torch;

namespace Ich.Training.Tests.Network;

public class BatchNormStatisticsTests
{
    [Fact]
    public void TrainingForward_UpdatesRunningStatistics_EvalForwardDoesNot()
    {
        using var net = new IchNet(new IchNetConfig());
        var stem = net.Stem;
        using var before = stem.Norm.running_mean!.clone();
        using var x = rand([1, 4, 3, 64, 64]);

        net.train();
        using (no_grad()) net.call(x);
        using var afterTraining = stem.Norm.running_mean!.clone();
        net.eval();
        using (no_grad()) net.call(x);

        Assert.False(before.allclose(afterTraining), "a training-mode forward must move the running mean");
        Assert.True(afterTraining.allclose(stem.Norm.running_mean!), "an eval-mode forward must not move it");
    }
}
