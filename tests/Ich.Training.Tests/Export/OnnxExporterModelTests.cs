using Google.Protobuf;
using Ich.Training.Export;
using Ich.Training.Network;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Ich.Training.Tests.Export;

/// <summary>What the exported file declares: names, shapes, opset, metadata; and how Export writes it.</summary>
public sealed class OnnxExporterModelTests
{
    private static readonly IchNetConfig Small = new() { StemChannels = 8, StageChannels = [8, 16], BlocksPerStage = [1, 1], GruHidden = 8 };

    [Fact]
    public void Export_WritesAModelThatOnnxRuntimeOpensWithTheDocumentedSignature()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "ich.onnx");
        using var net = OnnxExporterParityTests.TrainedLookingNet(Small, 32, seed: 1);

        OnnxExporter.Export(net, 32, path);

        using var session = new InferenceSession(path);
        Assert.Equal([OnnxExporter.SlicesInput, OnnxExporter.SeriesLengthsInput], session.InputMetadata.Keys);
        var input = session.InputMetadata[OnnxExporter.SlicesInput];
        Assert.Equal([-1, 3, 32, 32], input.Dimensions);
        Assert.Equal("slices", input.SymbolicDimensions[0]);
        var lengths = session.InputMetadata[OnnxExporter.SeriesLengthsInput];
        Assert.Equal(typeof(long), lengths.ElementType);
        Assert.Equal([-1], lengths.Dimensions);
        Assert.Equal([-1, 6], session.OutputMetadata[OnnxExporter.SliceProbabilitiesOutput].Dimensions);
        Assert.Equal([-1, 6], session.OutputMetadata[OnnxExporter.SubjectProbabilitiesOutput].Dimensions);
        Assert.Equal([-1, 16, 8, 8], session.OutputMetadata[OnnxExporter.FeatureMapsOutput].Dimensions);
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void Build_DeclaresOpset17AndTheLabelOrder()
    {
        using var net = new IchNet(Small);

        var model = OnnxExporter.Build(net, 32, new Dictionary<string, string> { ["window"] = "W80/L40" });

        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        Assert.False(string.IsNullOrEmpty(model.ProducerName));
        Assert.False(string.IsNullOrEmpty(model.DocString));
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("any,epidural,intraparenchymal,intraventricular,subarachnoid,subdural", metadata[OnnxExporter.LabelsMetadataKey]);
        Assert.Equal("W80/L40", metadata["window"]);
        Assert.Equal("32", metadata["input_size"]);
    }

    [Fact]
    public void Build_FoldsEveryBatchNormAndUsesOneBidirectionalGru()
    {
        using var net = new IchNet(Small);

        var graph = OnnxExporter.Build(net, 32).Graph;

        Assert.DoesNotContain(graph.Node, n => n.OpType == "BatchNormalization");
        var gru = Assert.Single(graph.Node, n => n.OpType == "GRU");
        Assert.Equal("bidirectional", gru.Attribute.Single(a => a.Name == "direction").S.ToStringUtf8());
        Assert.Equal(1, gru.Attribute.Single(a => a.Name == "linear_before_reset").I);
    }

    [Fact]
    public void Build_LeavesTheNetworksModeAlone()
    {
        using var net = new IchNet(Small);
        net.train();

        OnnxExporter.Build(net, 32);

        Assert.True(net.training);
    }

    [Fact]
    public void Build_RejectsAReservedMetadataKey()
    {
        using var net = new IchNet(Small);

        Assert.Throws<ArgumentException>(() =>
            OnnxExporter.Build(net, 32, new Dictionary<string, string> { [OnnxExporter.LabelsMetadataKey] = "x" }));
    }

    [Fact]
    public void Build_RejectsANonPositiveInputSize()
    {
        using var net = new IchNet(Small);

        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExporter.Build(net, 0));
    }

    [Fact]
    public void Model_RoundTripsThroughProtobuf()
    {
        using var net = new IchNet(Small);
        var model = OnnxExporter.Build(net, 32);

        var parsed = ModelProto.Parser.ParseFrom(model.ToByteArray());

        Assert.Equal(model, parsed);
    }
}
