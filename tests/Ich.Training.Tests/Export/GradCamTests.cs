using Google.Protobuf;
using Ich.Training.Export;
using Ich.Training.Network;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Tensor = TorchSharp.torch.Tensor;
using TorchSharp;
using static TorchSharp.torch;

namespace Ich.Training.Tests.Export;

/// <summary>The exported <c>gradcam</c> output must be Grad-CAM as TorchSharp autograd computes it on the same weights.</summary>
public sealed class GradCamTests(ITestOutputHelper output)
{
    private const double MinimumPearson = 0.99;

    // Relative to the reference map's maximum: float32 ORT vs float32 libtorch, the same computation in another order.
    private const double MaximumRelativeDifference = 1e-3;

    private static readonly IchNetConfig Small = new() { StemChannels = 8, StageChannels = [8, 16], BlocksPerStage = [1, 1], GruHidden = 8 };

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public void GradCam_MatchesAutograd_ForSequenceLength(int length)
    {
        AssertMatchesAutograd(new IchNetConfig(), inputSize: 64, length, seed: 200 + length);
    }

    [Fact]
    public void GradCam_MatchesAutograd_AtInputSize128()
    {
        AssertMatchesAutograd(new IchNetConfig(), inputSize: 128, length: 5, seed: 328);
    }

    [Fact]
    public void GradCam_MatchesAutograd_WithSeveralBlocksPerStageAndAnotherHiddenSize()
    {
        var config = new IchNetConfig { StageChannels = [16, 24, 32], BlocksPerStage = [2, 2, 1], GruHidden = 20 };

        AssertMatchesAutograd(config, inputSize: 64, length: 6, seed: 9);
    }

    [Fact]
    public void Export_DeclaresTheGradCamOutputAndNamesItInTheMetadata()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "ich.onnx");
        using var net = OnnxExporterParityTests.TrainedLookingNet(Small, 32, seed: 2);

        OnnxExporter.Export(net, 32, path);

        using var session = new InferenceSession(path);
        Assert.Equal("gradcam", OnnxExporter.GradCamOutput);
        Assert.Equal([-1, 6, 8, 8], session.OutputMetadata[OnnxExporter.GradCamOutput].Dimensions);
        Assert.Equal("slices", session.OutputMetadata[OnnxExporter.GradCamOutput].SymbolicDimensions[0]);
        Assert.Equal(OnnxExporter.GradCamOutput, session.ModelMetadata.CustomMetadataMap[OnnxExporter.GradCamMetadataKey]);
        Assert.Contains(OnnxExporter.GradCamOutput, session.ModelMetadata.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ReusesTheNetworkWeightsForGradCam()
    {
        using var net = new IchNet(new IchNetConfig());

        var graph = OnnxExporter.Build(net, 64).Graph;

        // Only small constants are added: the zero initial state (H floats), scalars and int64 slice bounds.
        var added = graph.Initializer.Where(i => i.Name.StartsWith("gradcam_", StringComparison.Ordinal)).ToList();
        var addedBytes = added.Sum(i => i.RawData.Length + 8L * i.Int64Data.Count);
        Assert.True(addedBytes < 4096, $"Grad-CAM initializers hold {addedBytes} bytes");
        var total = graph.Initializer.Sum(i => i.RawData.Length + 8L * i.Int64Data.Count);
        Assert.True(addedBytes < total / 100, $"Grad-CAM initializers hold {addedBytes} of {total} bytes");
    }

    private void AssertMatchesAutograd(IchNetConfig config, int inputSize, int length, int seed)
    {
        // Arrange: seeded weights with trained-looking BatchNorm statistics, eval mode.
        using var net = OnnxExporterParityTests.TrainedLookingNet(config, inputSize, seed);
        using var slices = randn(new long[] { length, config.InputChannels, inputSize, inputSize }) * 0.8 + 0.1;
        var model = OnnxExporter.Build(net, inputSize);

        // Act
        using var expected = AutogradGradCam(net, slices); // [T, L, h, w]
        var actual = Run(model, slices);

        // Assert
        Assert.Equal(expected.numel(), actual.Length);
        var mapLength = (int)(expected.shape[2] * expected.shape[3]);
        var reference = expected.data<float>().ToArray().Select(v => (double)v).ToArray();
        var (compared, worstPearson, worstRelative) = (0, 1.0, 0.0);
        for (var start = 0; start < reference.Length; start += mapLength)
        {
            var want = reference.AsSpan(start, mapLength).ToArray();
            var got = actual.AsSpan(start, mapLength).ToArray().Select(v => (double)v).ToArray();
            var peak = want.Max();
            var maxDiff = want.Zip(got).Max(p => Math.Abs(p.First - p.Second));
            if (peak == 0)
            {
                Assert.True(got.Max() <= 1e-5, $"map {start / mapLength}: autograd is zero, ONNX peaks at {got.Max():E2}");
                continue;
            }

            compared++;
            worstPearson = Math.Min(worstPearson, Pearson(want, got));
            worstRelative = Math.Max(worstRelative, maxDiff / peak);
        }

        output.WriteLine($"T={length} S={inputSize}: {compared}/{reference.Length / mapLength} non-zero maps; "
            + $"worst 1 − Pearson = {1 - worstPearson:E2}, worst max|diff|/max = {worstRelative:E2}");
        // Random weights leave some maps all zero after the ReLU; too many would make the comparison vacuous.
        Assert.True(5 * compared >= reference.Length / mapLength, $"only {compared} maps are non-zero");
        Assert.True(worstPearson >= MinimumPearson, $"Pearson {worstPearson} < {MinimumPearson}");
        Assert.True(worstRelative <= MaximumRelativeDifference, $"max |diff| / max = {worstRelative:E2}");
    }

    /// <summary>Grad-CAM by autograd: S_{t,l} backpropagated to A (all slices), alpha = mean of dS/dA_t over (i, j).</summary>
    private static Tensor AutogradGradCam(IchNet net, Tensor slices)
    {
        using var scope = NewDisposeScope();
        var maps = net.FeatureMaps(slices).detach().requires_grad_(true); // [T, F, h, w]
        var (sliceLogits, _) = net.ReadSequence(maps.mean([2, 3]).unsqueeze(0)); // [1, T, L]
        var (length, labels) = (sliceLogits.shape[1], sliceLogits.shape[2]);
        var cams = new List<Tensor>();
        for (var t = 0; t < length; t++)
        {
            for (var l = 0; l < labels; l++)
            {
                var gradient = torch.autograd.grad([sliceLogits[0, t, l]], [maps], retain_graph: true)[0];
                var alpha = gradient[t].mean([1, 2], keepdim: true); // [F, 1, 1]
                cams.Add(nn.functional.relu((alpha * maps[t].detach()).sum([0L])));
            }
        }

        var (h, w) = (maps.shape[2], maps.shape[3]);
        return stack(cams).view(length, labels, h, w).MoveToOuterDisposeScope();
    }

    private static float[] Run(Onnx.ModelProto model, Tensor slices)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var session = new InferenceSession(model.ToByteArray(), options);
        var input = new DenseTensor(slices.data<float>().ToArray(), slices.shape.Select(d => (int)d).ToArray());
        var lengths = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(new[] { (long)input.Dimensions[0] }, [1]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExporter.SlicesInput, input), NamedOnnxValue.CreateFromTensor(OnnxExporter.SeriesLengthsInput, lengths)], [OnnxExporter.GradCamOutput]);
        return results.Single().AsTensor<float>().ToArray();
    }

    private static double Pearson(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var (sxy, sxx, syy) = (0.0, 0.0, 0.0);
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        // A constant non-zero map (possible at 1×1) correlates perfectly with an equal one.
        return sxx == 0 || syy == 0 ? (x.Zip(y).All(p => Math.Abs(p.First - p.Second) <= 1e-6 * Math.Abs(p.First)) ? 1 : 0)
            : sxy / Math.Sqrt(sxx * syy);
    }
}
