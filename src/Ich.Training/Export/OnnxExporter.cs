using System.Reflection;
using Google.Protobuf;
using Ich.Training.Network;
using Onnx;

namespace Ich.Training.Export;

/// <summary>
/// Writes a trained <see cref="IchNet"/> as an ONNX model (opset 17) for serving with ONNX Runtime, from its weights
/// in eval mode (BatchNorm running statistics folded into the convolutions, dropout left out).
/// <para>
/// Graph inputs <c>slices</c> float32 [T, C, S, S] (T symbolic, "slices"): the slabs of one or more series, each
/// series' slabs in order and the series one after another, and <c>series_lengths</c> int64 [B]: how many slabs each
/// series has (summing to T), so concurrent requests run as one fused batch while each series is read by the GRU on
/// its own. Outputs <c>slice_probabilities</c> [T, L] and <c>subject_probabilities</c> [B, L] (sigmoids,
/// <see cref="IchLabels.Names"/> order), <c>feature_maps</c> [T, F, h, w] (the last stage) and <c>gradcam</c>
/// [T, L, h, w]: exact Grad-CAM of each slice logit w.r.t. the last stage (ReLU'd, not normalised; see
/// <see cref="GradCamOutput"/>).
/// </para>
/// </summary>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the graph uses.</summary>
    public const int Opset = 17;

    /// <summary>Name of the graph input.</summary>
    public const string SlicesInput = "slices";

    /// <summary>Name of the graph input int64 [B]: how many of the input's slabs belong to each series, in order.</summary>
    public const string SeriesLengthsInput = "series_lengths";

    /// <summary>Name of the per-slice output [T, L].</summary>
    public const string SliceProbabilitiesOutput = "slice_probabilities";

    /// <summary>Name of the per-subject output [L].</summary>
    public const string SubjectProbabilitiesOutput = "subject_probabilities";

    /// <summary>Name of the last-stage feature maps output [T, F, h, w].</summary>
    public const string FeatureMapsOutput = "feature_maps";

    /// <summary>
    /// Name of the Grad-CAM output [T, L, h, w]: for slice t and label l, ReLU(Σ_k alpha_k A_{t,k}) with
    /// alpha_k = ∂S_{t,l}/∂A_{t,k,i,j} (the same at every position i, j), S the slice logit and A <see cref="FeatureMapsOutput"/>.
    /// Not normalised. ONNX Runtime computes it only when it is fetched.
    /// </summary>
    public const string GradCamOutput = "gradcam";

    /// <summary>Metadata key whose value is the name of the Grad-CAM output (<see cref="GradCamOutput"/>).</summary>
    public const string GradCamMetadataKey = "gradcam_output";

    /// <summary>Metadata key holding the comma-separated label names, in output order.</summary>
    public const string LabelsMetadataKey = "labels";

    /// <summary>Writes the model to <paramref name="path"/> (replacing it only once it is complete).</summary>
    /// <param name="net">The trained network; it is only read (its train/eval mode is not changed).</param>
    /// <param name="inputSize">S, the slice height and width the model takes.</param>
    /// <param name="path">Where to write the .onnx file.</param>
    /// <param name="metadata">Extra metadata_props, e.g. the preprocessing the model was trained with.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="metadata"/> reuses a reserved key.</exception>
    public static void Export(IchNet net, int inputSize, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = Build(net, inputSize, metadata);
        var temporary = path + ".partial";
        using (var stream = File.Create(temporary))
        {
            model.WriteTo(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Builds the model in memory (see <see cref="Export"/>).</summary>
    /// <param name="net">The trained network; it is only read.</param>
    /// <param name="inputSize">S, the slice height and width the model takes.</param>
    /// <param name="metadata">Extra metadata_props.</param>
    /// <returns>The ONNX model.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="metadata"/> reuses a reserved key.</exception>
    public static ModelProto Build(IchNet net, int inputSize, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        var config = net.Config;
        var graph = new OnnxGraph();
        graph.Proto.Name = "ich_net";

        graph.Input(SlicesInput, "slices", (long)config.InputChannels, (long)inputSize, (long)inputSize);
        graph.Int64Input(SeriesLengthsInput, "series");
        var maps = WriteEncoder(graph, net, SlicesInput);
        var reader = WriteSequenceReader(graph, net, maps);
        var mapSize = FeatureMapSize(net, inputSize);
        OnnxGradCam.Write(graph, reader, config.GruHidden, config.LabelCount, mapSize, GradCamOutput);

        graph.Output(SliceProbabilitiesOutput, "slices", (long)config.LabelCount);
        graph.Output(SubjectProbabilitiesOutput, "series", (long)config.LabelCount);
        graph.Output(FeatureMapsOutput, "slices", (long)config.FeatureCount, mapSize, mapSize);
        graph.Output(GradCamOutput, "slices", (long)config.LabelCount, mapSize, mapSize);

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "IchFunctions Ich.Training",
            ProducerVersion = typeof(OnnxExporter).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
            DocString = "Intracranial hemorrhage detection on head CT (decision support, not a diagnosis): a 2D ResNet "
                + "per slice and a bidirectional GRU over the slice sequence. Input slices [T, C, S, S] in study order; "
                + "outputs sigmoid probabilities per slice and per subject in the order of the 'labels' metadata, and "
                + "the last-stage feature maps, and Grad-CAM maps [T, L, h, w] of every slice logit in the output named by "
                + "the 'gradcam_output' metadata (\"" + GradCamOutput + "\"; ReLU'd, not normalised).",
            Graph = graph.Proto,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        AddMetadata(model, LabelsMetadataKey, string.Join(",", IchLabels.Names.Take(config.LabelCount)));
        AddMetadata(model, GradCamMetadataKey, GradCamOutput);
        AddMetadata(model, "input_size", inputSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddMetadata(model, "ich_net_config", System.Text.Json.JsonSerializer.Serialize(config));
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (model.MetadataProps.Any(p => p.Key == key))
            {
                throw new ArgumentException($"Metadata key '{key}' is reserved by the exporter.", nameof(metadata));
            }

            AddMetadata(model, key, value);
        }

        return model;
    }

    private static string WriteEncoder(OnnxGraph graph, IchNet net, string input)
    {
        var x = graph.Node("Relu", [Conv(graph, net.Stem, "stem", input)]);
        var blocks = net.Blocks;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var name = $"block{i}";
            var inner = graph.Node("Relu", [Conv(graph, block.First, name + "_first", x)]);
            var residual = Conv(graph, block.Second, name + "_second", inner);
            var identity = block.Shortcut is null ? x : Conv(graph, block.Shortcut, name + "_shortcut", x);
            var sum = graph.Node("Add", [residual, identity]);
            x = graph.Node("Relu", [sum], i == blocks.Count - 1 ? FeatureMapsOutput : null);
        }

        return x;
    }

    private static SequenceReaderNodes WriteSequenceReader(OnnxGraph graph, IchNet net, string maps)
    {
        var hidden = net.Config.GruHidden;
        var features = graph.Node("Flatten", [graph.Node("GlobalAveragePool", [maps])], null, OnnxGraph.Int("axis", 1)); // [N, F]

        // Series b's slabs are input rows offsets[b] … offsets[b] + lengths[b] − 1. The GRU reads them padded to
        // [Tmax, B, F] with sequence_lens, so series in one batch never see each other.
        var lengths = SeriesLengthsInput;
        var zero = graph.Int64Scalar("zero_i64", 0);
        var oneI = graph.Int64Scalar("one_i64", 1);
        var axis0 = graph.Int64s("axis_0", 0);
        var axis1 = graph.Int64s("axis_1", 1);
        var offsets = graph.Node("CumSum", [lengths, zero], null, OnnxGraph.Int("exclusive", 1)); // [B]
        var longest = graph.Node("ReduceMax", [lengths], null, OnnxGraph.Int("keepdims", 0));
        var steps = graph.Node("Unsqueeze", [graph.Node("Range", [zero, longest, oneI]), axis1]); // [Tmax, 1]
        var valid = graph.Node("Less", [steps, graph.Node("Unsqueeze", [lengths, axis0])]); // [Tmax, B]
        var rows = graph.Node("Where", [valid, graph.Node("Add", [steps, graph.Node("Unsqueeze", [offsets, axis0])]), zero]);
        var padded = graph.Node("Gather", [features, rows], null, OnnxGraph.Int("axis", 0)); // [Tmax, B, F]
        var mask = graph.Node("Unsqueeze", [graph.Node("Cast", [valid], null, OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Float)), graph.Int64s("axis_2", 2)]); // [Tmax, B, 1]

        // Input row n ↦ its place t·B + b in the padded layout: b = (number of offsets ≤ n) − 1, t = n − offsets[b].
        var slabCount = graph.Node("Gather", [graph.Node("Shape", [features]), zero], null, OnnxGraph.Int("axis", 0));
        var seriesCount = graph.Node("Gather", [graph.Node("Shape", [lengths]), zero], null, OnnxGraph.Int("axis", 0));
        var row = graph.Node("Range", [zero, slabCount, oneI]); // [N]
        var started = graph.Node("Cast",
            [graph.Node("LessOrEqual", [graph.Node("Unsqueeze", [offsets, axis0]), graph.Node("Unsqueeze", [row, axis1])])],
            null, OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Int64)); // [N, B]
        var series = graph.Node("Sub", [graph.Node("ReduceSum", [started, axis1], null, OnnxGraph.Int("keepdims", 0)), oneI]); // [N]
        var position = graph.Node("Sub", [row, graph.Node("Gather", [offsets, series], null, OnnxGraph.Int("axis", 0))]);
        var place = graph.Node("Add", [graph.Node("Mul", [position, seriesCount]), series]); // [N]

        var (w, r, b) = OnnxGruWeights.From(net.Gru);
        using (w)
        using (r)
        using (b)
        {
            // Outputs Y [Tmax, 2, B, H]; the final state output is left unnamed (unused).
            var (gruW, gruR, gruB) = (graph.Initializer("gru_W", w), graph.Initializer("gru_R", r), graph.Initializer("gru_B", b));
            var sequenceLengths = graph.Node("Cast", [lengths], null, OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Int32));
            var y = graph.Node("GRU", [padded, gruW, gruR, gruB, sequenceLengths],
                null,
                OnnxGraph.Int("hidden_size", hidden),
                OnnxGraph.String("direction", "bidirectional"),
                OnnxGraph.Int("linear_before_reset", 1));

            // [Tmax, 2, B, H] → [Tmax, B, 2, H] → [Tmax, B, 2H]: forward then backward, PyTorch's concatenation; zero
            // past each series' end (the backward state "after" its last slab, and out of the pooling).
            var states = graph.Node("Mul",
            [
                graph.Node("Reshape", [graph.Node("Transpose", [y], null, OnnxGraph.Ints("perm", 0, 2, 1, 3)), graph.Int64s("steps_series_2h", 0, 0, 2 * hidden)]),
                mask,
            ]);
            var flatStates = graph.Node("Reshape", [states, graph.Int64s("places_by_2h", -1, 2 * hidden)]); // [Tmax·B, 2H]
            var perSlab = graph.Node("Gather", [flatStates, place], null, OnnxGraph.Int("axis", 0)); // [N, 2H]

            var sliceLogits = Linear(graph, net.SliceHead, SliceHeadName, perSlab);
            graph.Node("Sigmoid", [sliceLogits], SliceProbabilitiesOutput);

            // Per series: max and mean over its own slabs only.
            var oneF = graph.Scalar("one_f32", 1f);
            var excluded = graph.Node("Mul", [graph.Node("Sub", [mask, oneF]), graph.Scalar("excluded_f32", 1e9f)]); // 0 or −1e9
            var max = graph.Node("ReduceMax", [graph.Node("Add", [states, excluded])], null, OnnxGraph.Ints("axes", 0), OnnxGraph.Int("keepdims", 0)); // [B, 2H]
            var sum = graph.Node("ReduceSum", [states, axis0], null, OnnxGraph.Int("keepdims", 0));
            var count = graph.Node("Unsqueeze", [graph.Node("Cast", [lengths], null, OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Float)), axis1]);
            var mean = graph.Node("Div", [sum, count]);
            var summary = graph.Node("Concat", [max, mean], null, OnnxGraph.Int("axis", 1)); // [B, 4H]
            var subjectLogits = Linear(graph, net.SubjectHead, "subject_head", summary); // [B, L]
            graph.Node("Sigmoid", [subjectLogits], SubjectProbabilitiesOutput);

            // The state each slab's GRU step started from, per direction: the neighbour's, zero at a series' ends.
            var zeros = graph.Node("ConstantOfShape", [graph.Node("Concat", [graph.Int64s("one_step", 1), graph.Node("Shape", [lengths]), graph.Int64s("hidden_size", hidden)], null, OnnxGraph.Int("axis", 0))]);
            var forward = graph.Node("Slice", [states, graph.Int64s("forward_start", 0), graph.Int64s("forward_end", hidden), graph.Int64s("state_axis", 2)]);
            var backward = graph.Node("Slice", [states, graph.Int64s("backward_start", hidden), graph.Int64s("backward_end", 2 * hidden), graph.Int64s("state_axis_b", 2)]);
            var forwardPrevious = graph.Node("Slice", [graph.Node("Concat", [zeros, forward], null, OnnxGraph.Int("axis", 0)), graph.Int64s("prev_start", 0), graph.Int64s("prev_end", -1), axis0]);
            var backwardPrevious = graph.Node("Slice", [graph.Node("Concat", [backward, zeros], null, OnnxGraph.Int("axis", 0)), graph.Int64s("next_start", 1), graph.Int64s("next_end", long.MaxValue), axis0]);
            string PerSlab(string paddedStates) => graph.Node("Gather",
                [graph.Node("Reshape", [paddedStates, graph.Int64s(paddedStates + "_flat", -1, hidden)]), place], null, OnnxGraph.Int("axis", 0)); // [N, H]

            return new SequenceReaderNodes(maps, features, PerSlab(forwardPrevious), PerSlab(backwardPrevious), gruW, gruR, gruB, SliceHeadWeights);
        }
    }

    private const string SliceHeadName = "slice_head";

    private const string SliceHeadWeights = SliceHeadName + LinearWeightsSuffix;

    private const string LinearWeightsSuffix = "_W";

    private static string Conv(OnnxGraph graph, ConvNorm unit, string name, string input)
    {
        var (weight, bias) = FoldedConv.Fold(unit);
        using (weight)
        using (bias)
        {
            var pad = unit.KernelSize / 2;
            return graph.Node("Conv", [input, graph.Initializer(name + "_W", weight), graph.Initializer(name + "_B", bias)],
                null,
                OnnxGraph.Ints("kernel_shape", unit.KernelSize, unit.KernelSize),
                OnnxGraph.Ints("strides", unit.Stride, unit.Stride),
                OnnxGraph.Ints("pads", pad, pad, pad, pad));
        }
    }

    private static string Linear(OnnxGraph graph, TorchSharp.Modules.Linear linear, string name, string input) =>
        graph.Node("Gemm", [input, graph.Initializer(name + LinearWeightsSuffix, linear.weight!), graph.Initializer(name + "_B", linear.bias!)],
            null, OnnxGraph.Int("transB", 1));

    private static long FeatureMapSize(IchNet net, int inputSize)
    {
        // A 3×3 pad-1 or 1×1 pad-0 convolution of stride s maps n to floor((n − 1) / s) + 1.
        long size = (inputSize - 1) / 2 + 1;
        foreach (var block in net.Blocks)
        {
            size = (size - 1) / block.First.Stride + 1;
        }

        return size;
    }

    private static void AddMetadata(ModelProto model, string key, string value) =>
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
