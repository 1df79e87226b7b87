using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ich.Training.Export;

/// <summary>
/// A single-layer bidirectional PyTorch GRU's weights in ONNX GRU layout. PyTorch stacks gate rows [r; z; n], ONNX
/// [z; r; h]; ONNX wants W [2, 3H, F], R [2, 3H, H] and B [2, 6H] = [Wb; Rb] per direction, forward first.
/// </summary>
internal static class OnnxGruWeights
{
    /// <summary>W, R and B for the ONNX GRU node (use it with linear_before_reset = 1, PyTorch's formulation).</summary>
    public static (Tensor W, Tensor R, Tensor B) From(GRU gru)
    {
        using var scope = NewDisposeScope();
        var parameters = gru.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach());
        Tensor Get(string name) => parameters.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"GRU parameter {name} not found; expected one bidirectional layer with biases.");

        var directions = new[] { "", "_reverse" };
        var w = stack(directions.Select(d => ZrnFromRzn(Get("weight_ih_l0" + d))).ToArray());
        var r = stack(directions.Select(d => ZrnFromRzn(Get("weight_hh_l0" + d))).ToArray());
        var b = stack(directions.Select(d => cat([ZrnFromRzn(Get("bias_ih_l0" + d)), ZrnFromRzn(Get("bias_hh_l0" + d))], 0)).ToArray());
        return (w.MoveToOuterDisposeScope(), r.MoveToOuterDisposeScope(), b.MoveToOuterDisposeScope());
    }

    private static Tensor ZrnFromRzn(Tensor rows)
    {
        var gates = rows.chunk(3, 0);
        return cat([gates[1], gates[0], gates[2]], 0);
    }
}
