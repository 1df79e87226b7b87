using Ich.Training.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Ich.Training.Tests.Network;

public sealed class IchNetTests
{
    private static readonly IchNetConfig Small = new() { StemChannels = 8, StageChannels = [8, 16, 16, 24], GruHidden = 12 };

    [Fact]
    public void Forward_GivesSliceAndSubjectLogitsPerLabel()
    {
        using var net = Seeded(Small);
        using var x = randn(new long[] { 2, 5, 3, 32, 32 });

        var (slice, subject) = net.call(x);

        Assert.Equal(new long[] { 2, 5, 6 }, slice.shape);
        Assert.Equal(new long[] { 2, 6 }, subject.shape);
        slice.Dispose();
        subject.Dispose();
    }

    [Fact]
    public void FeatureMaps_AreTheLastStageAtOneSixteenthOfTheInput()
    {
        using var net = Seeded(Small);
        using var x = randn(new long[] { 3, 3, 96, 96 });

        using var maps = net.FeatureMaps(x);

        Assert.Equal(new long[] { 3, 24, 6, 6 }, maps.shape);
    }

    [Fact]
    public void EncodeSlices_IsTheSpatialMeanOfTheFeatureMaps()
    {
        using var net = Seeded(Small);
        net.eval();
        using var x = randn(new long[] { 4, 3, 64, 64 });

        using var features = net.EncodeSlices(x);
        using var maps = net.FeatureMaps(x);
        using var expected = maps.mean([2, 3]);

        Assert.Equal(new long[] { 4, Small.FeatureCount }, features.shape);
        Assert.True(features.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Forward_InEvalMode_EqualsEncodeThenReadSequence()
    {
        using var net = Seeded(Small);
        net.eval();
        using var x = randn(new long[] { 2, 4, 3, 32, 32 });

        var (slice, subject) = net.call(x);
        using var features = net.EncodeSlices(x.flatten(0, 1)).view(2, 4, -1);
        var (slice2, subject2) = net.ReadSequence(features);

        Assert.True(slice.allclose(slice2, atol: 1e-6));
        Assert.True(subject.allclose(subject2, atol: 1e-6));
        foreach (var t in new[] { slice, subject, slice2, subject2 })
        {
            t.Dispose();
        }
    }

    [Fact]
    public void Forward_SliceLogitsDependOnNeighbouringSlices()
    {
        // The bidirectional GRU must carry context: changing the last slice changes the first slice's logits.
        using var net = Seeded(Small);
        net.eval();
        using var x = randn(new long[] { 1, 6, 3, 32, 32 });
        using var changed = x.clone();
        changed[0, 5].add_(3.0);

        var (a, _) = net.call(x);
        var (b, _) = net.call(changed);

        Assert.False(a[0, 0].allclose(b[0, 0], atol: 1e-7));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void Backward_GivesEveryForwardParameterAGradient()
    {
        using var net = Seeded(Small);
        using var x = randn(new long[] { 2, 3, 3, 32, 32 });

        var (slice, subject) = net.call(x);
        using var loss = slice.sum() + subject.sum();
        loss.backward();

        var missing = net.EncoderParameters().Concat(net.SequenceReaderParameters())
            .Count(p => p.grad is null || p.grad.abs().sum().item<float>() == 0);
        Assert.Equal(0, missing);
        slice.Dispose();
        subject.Dispose();
    }

    [Fact]
    public void ParameterGroups_CoverAllParametersOnce()
    {
        using var net = Seeded(Small);

        var grouped = net.EncoderParameters().Concat(net.SequenceReaderParameters()).Concat(net.SliceFeatureHeadParameters())
            .Sum(p => p.numel());

        Assert.Equal(net.parameters().Sum(p => p.numel()), grouped);
    }

    [Fact]
    public void SliceFeatureLogits_MapsFeaturesToLabels()
    {
        using var net = Seeded(Small);
        using var x = randn(new long[] { 5, 3, 32, 32 });

        using var features = net.EncodeSlices(x);
        using var logits = net.SliceFeatureLogits(features);

        Assert.Equal(new long[] { 5, 6 }, logits.shape);
    }

    [Fact]
    public void SaveThenLoad_IntoAFreshNetwork_GivesIdenticalOutputs()
    {
        // Arrange: non-trivial BatchNorm running statistics, so buffers are saved as well as parameters.
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "ich.bin");
        using var net = Seeded(Small);
        using (var warm = randn(new long[] { 2, 3, 3, 32, 32 }) * 2 + 1)
        {
            net.call(warm);
        }

        net.eval();
        using var x = randn(new long[] { 1, 4, 3, 32, 32 });
        var (slice, subject) = net.call(x);

        // Act
        net.save(path);
        using var fresh = new IchNet(Small);
        fresh.load(path);
        fresh.eval();
        var (slice2, subject2) = fresh.call(x);

        // Assert
        Assert.True(slice.equal(slice2).all().item<bool>());
        Assert.True(subject.equal(subject2).all().item<bool>());
    }

    [Fact]
    public void Forward_RejectsAFourDimensionalInput()
    {
        using var net = Seeded(Small);
        using var x = randn(new long[] { 4, 3, 32, 32 });

        Assert.Throws<ArgumentException>(() => net.call(x));
    }

    [Fact]
    public void DefaultConfig_HasTheDocumentedShape()
    {
        var config = new IchNetConfig();

        Assert.Equal((3, 16, 64, 6, 0.2), (config.InputChannels, config.StemChannels, config.GruHidden, config.LabelCount, config.Dropout));
        Assert.Equal([16, 32, 64, 128], config.StageChannels);
        Assert.Equal([1, 1, 1, 1], config.BlocksPerStage);
        Assert.Equal(128, config.FeatureCount);
        Assert.Equal(IchLabels.Names.Count, config.LabelCount);
    }

    private static IchNet Seeded(IchNetConfig config)
    {
        random.manual_seed(1234);
        return new IchNet(config);
    }
}
