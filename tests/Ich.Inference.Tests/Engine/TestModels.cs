using Ich.Inference.Models;
using Ich.Preprocessing;
using Ich.Training.Export;
using Ich.Training.Network;
using static TorchSharp.torch;

namespace Ich.Inference.Tests.Engine;

/// <summary>Small models of other shapes than the shipped ones, exported and carded the way any trained model is.</summary>
internal static class TestModels
{
    /// <summary>
    /// A model unlike the defaults: 2 channels (other windows), 48² input, 3 stages, GRU 12, labels in another
    /// order and a 4 mm slab — served with nothing but its card.
    /// </summary>
    public static (string Folder, IchNet Net, ModelCard Card) OtherShape(string folder)
    {
        manual_seed(3);
        var net = new IchNet(new IchNetConfig { InputChannels = 2, StemChannels = 8, StageChannels = [8, 16, 24], BlocksPerStage = [1, 1, 1], GruHidden = 12 });
        net.train();
        using (no_grad())
        {
            // Non-trivial batch-norm statistics, as a trained model has.
            for (var i = 0; i < 3; i++) net.call(rand([1, 5, 2, 48, 48]));
        }

        net.eval();
        Directory.CreateDirectory(folder);
        var onnx = Path.Combine(folder, "other.onnx");
        OnnxExporter.Export(net, 48, onnx);
        var card = new ModelCard
        {
            Name = "other-shape",
            Version = "test",
            File = "other.onnx",
            Sha256 = ModelCard.HashFile(onnx),
            Labels = ["any", "epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural"],
            Input = new InputContract
            {
                InputSize = 48,
                SlabThicknessMm = 4f,
                FieldOfViewMm = 240f,
                Windows = [new IntensityWindow("stroke", 35f, 40f), new IntensityWindow("bone", 600f, 2800f)],
            },
        };
        card.Write(Path.Combine(folder, ModelCard.FileName));
        return (folder, net, card);
    }
}
