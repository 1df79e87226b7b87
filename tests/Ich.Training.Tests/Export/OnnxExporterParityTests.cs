using Google.Protobuf;
using Ich.Training.Export;
using Ich.Training.Network;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Tensor = TorchSharp.torch.Tensor;
using TorchSharp;
using static TorchSharp.torch;

namespace Ich.Training.Tests.Export;

/// <summary>The exported ONNX graph, run by ONNX Runtime, must give what TorchSharp gives in eval mode.</summary>
public sealed class OnnxExporterParityTests
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(23)]
    public void Outputs_MatchTorchSharp_ForSequenceLength(int length)
    {
        AssertParity(new IchNetConfig(), inputSize: 64, length, seed: 100 + length);
    }

    [Fact]
    public void Outputs_MatchTorchSharp_AtInputSize96()
    {
        AssertParity(new IchNetConfig(), inputSize: 96, length: 5, seed: 96);
    }

    [Fact]
    public void Outputs_MatchTorchSharp_AtInputSize128()
    {
        AssertParity(new IchNetConfig(), inputSize: 128, length: 5, seed: 128);
    }

    [Fact]
    public void Outputs_MatchTorchSharp_WithSeveralBlocksPerStage()
    {
        var config = new IchNetConfig { StageChannels = [16, 24, 32], BlocksPerStage = [2, 2, 1], GruHidden = 20 };

        AssertParity(config, inputSize: 48, length: 4, seed: 7);
    }

    private static void AssertParity(IchNetConfig config, int inputSize, int length, int seed)
    {
        // Arrange: seeded weights, non-trivial BatchNorm affine parameters and running statistics, eval mode.
        using var net = TrainedLookingNet(config, inputSize, seed);
        using var slices = randn(new long[] { length, config.InputChannels, inputSize, inputSize }) * 0.8 + 0.1;
        var model = OnnxExporter.Build(net, inputSize);

        // Act
        var (sliceExpected, subjectExpected, mapsExpected) = TorchSharpProbabilities(net, slices);
        var actual = RunOnnx(model.ToByteArray(), slices);

        // Assert
        Assert.Equal(new long[] { length, config.LabelCount }, actual[OnnxExporter.SliceProbabilitiesOutput].Shape);
        Assert.Equal(new long[] { 1, config.LabelCount }, actual[OnnxExporter.SubjectProbabilitiesOutput].Shape);
        Assert.Equal(mapsExpected.shape, actual[OnnxExporter.FeatureMapsOutput].Shape);
        AssertClose(sliceExpected, actual[OnnxExporter.SliceProbabilitiesOutput].Values);
        AssertClose(subjectExpected, actual[OnnxExporter.SubjectProbabilitiesOutput].Values);
        AssertClose(mapsExpected, actual[OnnxExporter.FeatureMapsOutput].Values);
    }

    [Fact]
    public void A_fused_batch_of_series_gives_each_series_what_it_gives_alone()
    {
        // Three series of different lengths in one run: the GRU must read each on its own (no state crosses from one
        // series into the next, in either direction) and the subject pooling must see only a series' own slabs.
        var config = new IchNetConfig();
        using var net = TrainedLookingNet(config, 48, seed: 31);
        var model = OnnxExporter.Build(net, 48).ToByteArray();
        int[] lengths = [5, 1, 9];
        var series = lengths.Select((t, i) => randn(new long[] { t, config.InputChannels, 48, 48 }) * 0.8 + 0.1 * i).ToArray();
        using var fused = cat(series, 0);

        var together = RunOnnx(model, fused, lengths);

        var labels = config.LabelCount;
        var row = 0;
        for (var b = 0; b < lengths.Length; b++)
        {
            var (slice, subject, maps) = TorchSharpProbabilities(net, series[b]);
            maps.Dispose();
            AssertClose(slice, together[OnnxExporter.SliceProbabilitiesOutput].Values[(row * labels)..((row + lengths[b]) * labels)]);
            AssertClose(subject, together[OnnxExporter.SubjectProbabilitiesOutput].Values[(b * labels)..((b + 1) * labels)]);
            var alone = RunOnnx(model, series[b], [lengths[b]]);
            var camSize = alone[OnnxExporter.GradCamOutput].Values.Length;
            AssertClose(alone[OnnxExporter.GradCamOutput].Values, together[OnnxExporter.GradCamOutput].Values[(row * camSize / lengths[b])..((row * camSize / lengths[b]) + camSize)]);
            row += lengths[b];
        }

        Assert.Equal(new long[] { lengths.Length, labels }, together[OnnxExporter.SubjectProbabilitiesOutput].Shape);
        foreach (var s in series) s.Dispose();
    }

    internal static IchNet TrainedLookingNet(IchNetConfig config, int inputSize, int seed)
    {
        random.manual_seed(seed);
        var net = new IchNet(config);
        using (no_grad())
        {
            foreach (var (name, parameter) in net.named_parameters().Where(p => p.name.Contains("norm")))
            {
                if (name.EndsWith("weight", StringComparison.Ordinal))
                {
                    parameter.uniform_(0.5, 1.5);
                }
                else
                {
                    parameter.normal_(0, 0.2);
                }
            }

            net.train();
            for (var i = 0; i < 3; i++)
            {
                using var batch = randn(new long[] { 2, 3, config.InputChannels, inputSize, inputSize }) * (1 + i) + 0.3 * i;
                var (a, b) = net.call(batch);
                a.Dispose();
                b.Dispose();
            }
        }

        net.eval();
        return net;
    }

    private static (float[] Slice, float[] Subject, Tensor Maps) TorchSharpProbabilities(IchNet net, Tensor slices)
    {
        using var _ = no_grad();
        var (sliceLogits, subjectLogits) = net.call(slices.unsqueeze(0));
        using (sliceLogits)
        using (subjectLogits)
        using (var slice = sliceLogits[0].sigmoid())
        using (var subject = subjectLogits[0].sigmoid())
        {
            return (slice.data<float>().ToArray(), subject.data<float>().ToArray(), net.FeatureMaps(slices));
        }
    }

    private static Dictionary<string, (long[] Shape, float[] Values)> RunOnnx(byte[] model, Tensor slices, int[]? seriesLengths = null)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var session = new InferenceSession(model, options);
        var input = new DenseTensor(slices.data<float>().ToArray(), slices.shape.Select(d => (int)d).ToArray());
        long[] lengths = seriesLengths is null ? [slices.shape[0]] : [.. seriesLengths.Select(l => (long)l)];
        var lengthsTensor = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(lengths, [lengths.Length]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExporter.SlicesInput, input), NamedOnnxValue.CreateFromTensor(OnnxExporter.SeriesLengthsInput, lengthsTensor)]);
        return results.ToDictionary(
            r => r.Name,
            r =>
            {
                var tensor = r.AsTensor<float>();
                return (tensor.Dimensions.ToArray().Select(d => (long)d).ToArray(), tensor.ToArray());
            });
    }

    private static void AssertClose(Tensor expected, float[] actual)
    {
        using (expected)
        {
            AssertClose(expected.data<float>().ToArray(), actual);
        }
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var maxDiff = expected.Zip(actual).Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.True(maxDiff <= Tolerance, $"max |diff| = {maxDiff:E2} > {Tolerance:E0}");
    }
}
