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
            Tensors = new ModelTensors { SeriesLengths = OnnxExporter.SeriesLengthsInput },
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

    /// <summary>
    /// A one-series graph of the kind a model trained elsewhere may have (input <c>slices</c> only, subject output
    /// [L]): per slab a sigmoid of linear window means, the subject the mean of its slabs. Its card names no
    /// series-lengths input.
    /// </summary>
    public static string OneSeriesGraph(string folder)
    {
        Directory.CreateDirectory(folder);
        var graph = new Onnx.GraphProto { Name = "one_series" };
        Onnx.ValueInfoProto Value(string name, params object[] dims)
        {
            var shape = new Onnx.TensorShapeProto();
            foreach (var d in dims)
                shape.Dim.Add(d is string p ? new Onnx.TensorShapeProto.Types.Dimension { DimParam = p } : new Onnx.TensorShapeProto.Types.Dimension { DimValue = (long)d });
            return new Onnx.ValueInfoProto { Name = name, Type = new Onnx.TypeProto { TensorType = new Onnx.TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
        }

        Onnx.NodeProto Node(string op, string[] inputs, string output, params Onnx.AttributeProto[] attributes)
        {
            var node = new Onnx.NodeProto { OpType = op, Name = output };
            node.Input.AddRange(inputs);
            node.Output.Add(output);
            node.Attribute.AddRange(attributes);
            return node;
        }

        var weights = new Onnx.TensorProto { Name = "w", DataType = 1 };
        weights.Dims.AddRange([3L, 6L]);
        weights.FloatData.AddRange(Enumerable.Range(0, 18).Select(i => (i % 7 - 3) * 0.5f));
        graph.Initializer.Add(weights);
        graph.Input.Add(Value("slices", "slices", 3L, 32L, 32L));
        graph.Node.Add(Node("GlobalAveragePool", ["slices"], "pooled"));
        graph.Node.Add(Node("Flatten", ["pooled"], "means", new Onnx.AttributeProto { Name = "axis", Type = Onnx.AttributeProto.Types.AttributeType.Int, I = 1 }));
        graph.Node.Add(Node("MatMul", ["means", "w"], "logits"));
        graph.Node.Add(Node("Sigmoid", ["logits"], "slice_probabilities"));
        var axes = new Onnx.AttributeProto { Name = "axes", Type = Onnx.AttributeProto.Types.AttributeType.Ints };
        axes.Ints.Add(0);
        graph.Node.Add(Node("ReduceMean", ["slice_probabilities"], "subject_probabilities", axes,
            new Onnx.AttributeProto { Name = "keepdims", Type = Onnx.AttributeProto.Types.AttributeType.Int, I = 0 }));
        graph.Output.Add(Value("slice_probabilities", "slices", 6L));
        graph.Output.Add(Value("subject_probabilities", 6L));
        var model = new Onnx.ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new Onnx.OperatorSetIdProto { Domain = "", Version = 17 });
        var onnx = Path.Combine(folder, "model.onnx");
        File.WriteAllBytes(onnx, Google.Protobuf.MessageExtensions.ToByteArray(model));
        new ModelCard
        {
            Name = "one-series",
            Version = "test",
            Sha256 = ModelCard.HashFile(onnx),
            Labels = ["any", "epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural"],
            Input = new InputContract { InputSize = 32 },
            Tensors = new ModelTensors { FeatureMaps = null, GradCam = null },
        }.Write(Path.Combine(folder, ModelCard.FileName));
        return folder;
    }
}
