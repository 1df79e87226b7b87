using System.Runtime.InteropServices;
using System.Text.Json;
using Ich.Training.Network;
using Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ich.Training.Export;

/// <summary>
/// Reads an <see cref="IchNet"/> back from an ONNX file this project's exporter wrote (any earlier graph layout), so
/// a shipped model can be written again in today's layout (<see cref="OnnxExporter"/>) without its training
/// checkpoint. The folded convolutions come back as convolutions followed by an identity batch normalization
/// (γ = 1, μ = 0, σ² = 1 − ε, β = the folded bias), which the exporter folds back to the same weights.
/// </summary>
public static class OnnxImporter
{
    /// <summary>The network and the input size the model was exported for.</summary>
    /// <exception cref="InvalidDataException">The file was not written by this project's exporter.</exception>
    public static (IchNet Net, int InputSize) Read(string path)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        if (!metadata.TryGetValue("ich_net_config", out var configJson) || !metadata.TryGetValue("input_size", out var sizeText))
            throw new InvalidDataException($"{Path.GetFileName(path)} has no 'ich_net_config' metadata: it was not written by this project's exporter.");
        var config = JsonSerializer.Deserialize<IchNetConfig>(configJson) ?? throw new InvalidDataException("Empty 'ich_net_config' metadata.");
        var weights = model.Graph.Initializer.ToDictionary(t => t.Name);
        var net = new IchNet(config);
        try
        {
            using (no_grad())
            {
                Load(net.Stem, weights, "stem");
                var blocks = net.Blocks;
                for (var i = 0; i < blocks.Count; i++)
                {
                    Load(blocks[i].First, weights, $"block{i}_first");
                    Load(blocks[i].Second, weights, $"block{i}_second");
                    if (blocks[i].Shortcut is { } shortcut) Load(shortcut, weights, $"block{i}_shortcut");
                }

                LoadGru(net.Gru, weights);
                Load(net.SliceHead, weights, "slice_head");
                Load(net.SubjectHead, weights, "subject_head");
            }

            net.eval();
            return (net, int.Parse(sizeText, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    private static void Load(ConvNorm unit, Dictionary<string, TensorProto> weights, string name)
    {
        Copy(unit.Conv.weight!, weights, name + "_W");
        var norm = unit.Norm;
        norm.weight!.fill_(1);
        norm.running_mean!.fill_(0);
        norm.running_var!.fill_(1 - ConvNorm.Epsilon);
        Copy(norm.bias!, weights, name + "_B");
    }

    private static void Load(Linear linear, Dictionary<string, TensorProto> weights, string name)
    {
        Copy(linear.weight!, weights, name + "_W");
        Copy(linear.bias!, weights, name + "_B");
    }

    // ONNX stacks gate rows z, r, n and PyTorch r, z, n: swapping the first two chunks goes either way.
    private static void LoadGru(GRU gru, Dictionary<string, TensorProto> weights)
    {
        using var scope = NewDisposeScope();
        var w = Values(weights, "gru_W");
        var r = Values(weights, "gru_R");
        var b = Values(weights, "gru_B");
        var parameters = gru.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var directions = new[] { "", "_reverse" };
        for (var d = 0; d < 2; d++)
        {
            parameters["weight_ih_l0" + directions[d]].copy_(SwapFirstGates(w[d]));
            parameters["weight_hh_l0" + directions[d]].copy_(SwapFirstGates(r[d]));
            var biases = b[d].chunk(2, 0);
            parameters["bias_ih_l0" + directions[d]].copy_(SwapFirstGates(biases[0]));
            parameters["bias_hh_l0" + directions[d]].copy_(SwapFirstGates(biases[1]));
        }
    }

    private static Tensor SwapFirstGates(Tensor rows)
    {
        var gates = rows.chunk(3, 0);
        return cat([gates[1], gates[0], gates[2]], 0);
    }

    private static void Copy(Tensor target, Dictionary<string, TensorProto> weights, string name)
    {
        using var values = Values(weights, name);
        if (!values.shape.SequenceEqual(target.shape))
            throw new InvalidDataException($"Initializer '{name}' is [{string.Join(", ", values.shape)}], the network needs [{string.Join(", ", target.shape)}].");
        target.copy_(values);
    }

    private static Tensor Values(Dictionary<string, TensorProto> weights, string name)
    {
        if (!weights.TryGetValue(name, out var proto)) throw new InvalidDataException($"The model has no initializer '{name}'.");
        if (proto.DataType != (int)TensorProto.Types.DataType.Float) throw new InvalidDataException($"Initializer '{name}' is not float32.");
        var values = proto.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(proto.RawData.Span).ToArray() : [.. proto.FloatData];
        return tensor(values, [.. proto.Dims]);
    }
}
