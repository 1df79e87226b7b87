using Google.Protobuf;
using Ich.Training.Export;
using Ich.Training.Network;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Ich.Training.Tests.Export;

/// <summary>A network read back from its ONNX file exports to a model that gives the same outputs.</summary>
public sealed class OnnxImporterTests
{
    [Fact]
    public void An_exported_network_read_back_gives_the_same_outputs_as_the_original()
    {
        var config = new IchNetConfig { StageChannels = [16, 24, 32], BlocksPerStage = [2, 1, 1], GruHidden = 12 };
        using var net = OnnxExporterParityTests.TrainedLookingNet(config, 48, seed: 5);
        var path = Path.Combine(Path.GetTempPath(), $"ich-import-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExporter.Export(net, 48, path);

            var (imported, size) = OnnxImporter.Read(path);
            using (imported)
            {
                Assert.Equal(48, size);
                Assert.Equal(config.GruHidden, imported.Config.GruHidden);
                using var slices = randn(new long[] { 6, config.InputChannels, 48, 48 });
                var original = Run(File.ReadAllBytes(path), slices);
                var again = Run(OnnxExporter.Build(imported, 48).ToByteArray(), slices);
                foreach (var (name, values) in original)
                {
                    var max = values.Zip(again[name]).Max(p => Math.Abs(p.First - p.Second));
                    Assert.True(max <= 1e-5, $"{name}: max |diff| {max:E2}");
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_from_elsewhere_is_refused_with_its_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ich-import-{Guid.NewGuid():N}.onnx");
        try
        {
            File.WriteAllBytes(path, new Onnx.ModelProto { IrVersion = 8, Graph = new Onnx.GraphProto { Name = "other" } }.ToByteArray());
            var error = Assert.Throws<InvalidDataException>(() => OnnxImporter.Read(path));
            Assert.Contains("ich_net_config", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Dictionary<string, float[]> Run(byte[] model, TorchSharp.torch.Tensor slices)
    {
        using var session = new InferenceSession(model);
        var input = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(slices.data<float>().ToArray(), [.. slices.shape.Select(d => (int)d)]);
        var lengths = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(new[] { slices.shape[0] }, [1]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExporter.SlicesInput, input), NamedOnnxValue.CreateFromTensor(OnnxExporter.SeriesLengthsInput, lengths)]);
        return results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());
    }
}
