using Ich.Inference.Models;
using Ich.Preprocessing;
using Ich.Training.Export;
using Ich.Training.Network;
using static TorchSharp.torch;

namespace Ich.InferenceService.Tests;

/// <summary>A small, untrained IchNet exported to ONNX with its card: a real model folder the tests own (its outputs mean nothing).</summary>
internal sealed class TestModel : IDisposable
{
    public const int InputSize = 32;

    private TestModel(string folder, ModelCard card)
    {
        Folder = folder;
        Card = card;
    }

    public string Folder { get; }

    public ModelCard Card { get; }

    public static TestModel Create(int seed = 3)
    {
        var folder = Directory.CreateTempSubdirectory("ich-inference-service-tests-").FullName;
        random.manual_seed(seed);
        using var net = new IchNet(new IchNetConfig { StemChannels = 8, StageChannels = [8, 16], BlocksPerStage = [1, 1], GruHidden = 8 });
        net.eval();
        var onnx = Path.Combine(folder, "model.onnx");
        OnnxExporter.Export(net, InputSize, onnx);
        var sha = ModelCard.HashFile(onnx);
        var card = new ModelCard
        {
            Name = "test-ich",
            Version = $"test-{sha[..8]}",
            Sha256 = sha,
            Tensors = new ModelTensors { SeriesLengths = OnnxExporter.SeriesLengthsInput },
            Labels = IchLabels.Names,
            Input = new InputContract { InputSize = InputSize },
            LabelMode = "Sub-Lab",
        };
        card.Write(Path.Combine(folder, ModelCard.FileName));
        return new TestModel(folder, card);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
