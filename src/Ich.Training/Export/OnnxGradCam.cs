using static TorchSharp.torch;

namespace Ich.Training.Export;

/// <summary>
/// Writes exact Grad-CAM of every slice logit S_{t,l} w.r.t. the last-stage maps A_t, as ONNX ops over the existing
/// weights (no copies of them), output [T, L, h, w].
/// <para>
/// S_{t,l} = W_l · [h⃗_t ; h⃖_t] + b_l depends on f_t only through GRU step t of each direction, the neighbouring
/// states h⃗_{t−1}, h⃖_{t+1} being independent of f_t. One PyTorch GRU cell (linear_before_reset) is
/// r = σ(a_r), z = σ(a_z), n = tanh(a_n) with a_r = W_r x + b_r + R_r h + c_r (a_z alike),
/// a_n = W_n x + b_n + r ⊙ (R_n h + c_n), and h' = (1 − z) ⊙ n + z ⊙ h, so
/// ∂h'/∂a_z = z(1 − z)(h − n), ∂h'/∂a_n = (1 − z)(1 − n²), ∂h'/∂a_r = ∂h'/∂a_n ⊙ (R_n h + c_n) ⊙ r(1 − r), and
/// dS/dx = Wᵀ [g ⊙ ∂h'/∂a] with g the head's row for that direction. f = mean of A over h·w, hence
/// alpha = dS/df / (h·w) and cam = ReLU(Σ_k alpha_k A_k).
/// </para>
/// </summary>
internal sealed class OnnxGradCam
{
    private readonly OnnxGraph graph;
    private readonly long hidden;
    private int constantCount;
    private string? one;

    private OnnxGradCam(OnnxGraph graph, long hidden)
    {
        this.graph = graph;
        this.hidden = hidden;
    }

    private string One => one ??= Scalar(1f);

    /// <summary>Adds the subgraph whose output, named <paramref name="output"/>, is the Grad-CAM [T, L, h, w].</summary>
    public static void Write(OnnxGraph graph, SequenceReaderNodes nodes, long hidden, long labels, long mapSize, string output)
    {
        var writer = new OnnxGradCam(graph, hidden);
        var (forwardPrevious, backwardPrevious) = (nodes.ForwardPrevious, nodes.BackwardPrevious);

        var dScoreDFeatures = graph.Node("Add",
        [
            writer.InputGradient(nodes, 0, forwardPrevious),
            writer.InputGradient(nodes, 1, backwardPrevious),
        ]); // [T, L, F]

        // dS/dA_{k,i,j} = dS/df_k / (h·w) at every position: that is alpha.
        var alpha = graph.Node("Mul", [dScoreDFeatures, writer.Scalar(1.0f / (mapSize * mapSize))]);
        var flatMaps = graph.Node("Reshape", [nodes.Maps, writer.Int64s(0, 0, -1)]); // [T, F, h·w]
        var weighted = graph.Node("MatMul", [alpha, flatMaps]); // [T, L, h·w]
        var cam = graph.Node("Reshape", [weighted, writer.Int64s(-1, labels, mapSize, mapSize)]);
        graph.Node("Relu", [cam], output);
    }

    /// <summary>dS_{t,l}/dx_t through one direction's GRU cell, [T, L, F].</summary>
    private string InputGradient(SequenceReaderNodes nodes, long direction, string previous)
    {
        var w = Direction(nodes.GruW, direction); // [3H, F]
        var r = Direction(nodes.GruR, direction); // [3H, H]
        var b = Direction(nodes.GruB, direction); // [6H]
        var inputBias = Slice(b, 0, 0, 3 * hidden);
        var recurrentBias = Slice(b, 0, 3 * hidden, 6 * hidden);

        var fromInput = graph.Node("Gemm", [nodes.Features, w, inputBias], null, OnnxGraph.Int("transB", 1)); // [T, 3H]
        var fromState = graph.Node("Gemm", [previous, r, recurrentBias], null, OnnxGraph.Int("transB", 1)); // [T, 3H]
        string Gate(string pre, int gate) => SliceColumns(pre, gate * hidden, (gate + 1) * hidden);

        var z = graph.Node("Sigmoid", [graph.Node("Add", [Gate(fromInput, 0), Gate(fromState, 0)])]);
        var reset = graph.Node("Sigmoid", [graph.Node("Add", [Gate(fromInput, 1), Gate(fromState, 1)])]);
        var stateCandidate = Gate(fromState, 2); // R_n h + c_n
        var n = graph.Node("Tanh", [graph.Node("Add", [Gate(fromInput, 2), graph.Node("Mul", [reset, stateCandidate])])]);

        var dz = graph.Node("Mul", [SigmoidDerivative(z), graph.Node("Sub", [previous, n])]);
        var dn = graph.Node("Mul", [graph.Node("Sub", [One, z]), TanhDerivative(n)]);
        var dr = graph.Node("Mul", [graph.Node("Mul", [dn, stateCandidate]), SigmoidDerivative(reset)]);
        var gates = graph.Node("Concat", [dz, dr, dn], null, OnnxGraph.Int("axis", 1)); // [T, 3H], rows z, r, n as W

        var head = SliceColumns(nodes.SliceHeadW, direction * hidden, (direction + 1) * hidden); // [L, H]
        var headPerGate = graph.Node("Concat", [head, head, head], null, OnnxGraph.Int("axis", 1)); // [L, 3H]
        var perLabel = graph.Node("Mul", [graph.Node("Unsqueeze", [gates, Int64s(1)]), headPerGate]); // [T, L, 3H]
        return graph.Node("MatMul", [perLabel, w]);
    }

    /// <summary>σ' = σ(1 − σ), from the sigmoid's output.</summary>
    private string SigmoidDerivative(string sigmoid) => graph.Node("Mul", [sigmoid, graph.Node("Sub", [One, sigmoid])]);

    /// <summary>tanh' = 1 − tanh², from the tanh's output.</summary>
    private string TanhDerivative(string tanh) => graph.Node("Sub", [One, graph.Node("Mul", [tanh, tanh])]);

    private string Direction(string weights, long direction) =>
        graph.Node("Squeeze", [Slice(weights, 0, direction, direction + 1), Int64s(0)]);

    private string SliceColumns(string input, long start, long end) => Slice(input, 1, start, end);

    private string Slice(string input, long axis, long start, long end) =>
        graph.Node("Slice", [input, Int64s(start), Int64s(end), Int64s(axis)]);

    private string Int64s(params long[] values) => graph.Int64s(NextConstantName(), values);

    private string Scalar(float value)
    {
        using var scalar = tensor(value);
        return graph.Initializer(NextConstantName(), scalar);
    }

    private string NextConstantName() => $"gradcam_const_{constantCount++}";
}
