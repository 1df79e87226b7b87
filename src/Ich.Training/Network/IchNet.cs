using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ich.Training.Network;

/// <summary>
/// The ICH network (after Ye et al., Eur Radiol 2019): a 2D ResNet encodes each slice, a bidirectional GRU reads the
/// slice sequence, and two heads give per-slice and per-subject logits in <see cref="IchLabels.Names"/> order.
/// <para>Usage:</para>
/// <code>
/// using var net = new IchNet(new IchNetConfig());              // defaults: 16-32-64-128 channels, GRU 64, 6 labels
/// var (sliceLogits, subjectLogits) = net.call(x);               // x [B, T, 3, S, S] float32 → [B, T, 6], [B, 6]
/// // Stage 1, CNN on single slices:    net.SliceFeatureLogits(net.EncodeSlices(slices [N, 3, S, S])) → [N, 6]
/// // Stage 2, GRU on cached features:  net.ReadSequence(features [B, T, F]) with F = config.FeatureCount
/// //   (optimise net.SequenceReaderParameters() only; net.EncoderParameters() for the CNN)
/// net.save("ich.bin"); fresh.load("ich.bin");                   // TorchSharp format; the config must match
/// net.eval(); OnnxExporter.Export(net, 96, "ich.onnx");         // serving model (Ich.Training.Export)
/// // Grad-CAM: net.FeatureMaps(slices) → [N, F, S/16, S/16] for the default four stages
/// </code>
/// Logits, not probabilities: train with binary cross-entropy with logits; the ONNX export applies the sigmoid.
/// </summary>
public sealed class IchNet : nn.Module<Tensor, (Tensor SliceLogits, Tensor SubjectLogits)>
{
    private readonly ConvNorm stem;
    private readonly ModuleList<BasicBlock> blocks;
    private readonly Dropout dropout;
    private readonly GRU gru;
    private readonly Linear sliceHead;
    private readonly Linear subjectHead;
    private readonly Linear sliceFeatureHead;

    /// <summary>Creates the network with freshly initialised weights.</summary>
    /// <param name="config">The shape of the network.</param>
    /// <exception cref="ArgumentException">The configuration is inconsistent (<see cref="IchNetConfig.Validate"/>).</exception>
    public IchNet(IchNetConfig config)
        : base(nameof(IchNet))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validate();

        stem = new ConvNorm("stem", config.InputChannels, config.StemChannels, 3, 2);
        blocks = new ModuleList<BasicBlock>();
        long channels = config.StemChannels;
        for (var stage = 0; stage < config.StageChannels.Count; stage++)
        {
            for (var block = 0; block < config.BlocksPerStage[stage]; block++)
            {
                var stride = stage > 0 && block == 0 ? 2 : 1;
                blocks.Add(new BasicBlock($"stage{stage}_block{block}", channels, config.StageChannels[stage], stride));
                channels = config.StageChannels[stage];
            }
        }

        dropout = nn.Dropout(config.Dropout);
        gru = nn.GRU(config.FeatureCount, config.GruHidden, numLayers: 1, batchFirst: true, bidirectional: true);
        sliceHead = nn.Linear(2 * config.GruHidden, config.LabelCount);
        subjectHead = nn.Linear(4 * config.GruHidden, config.LabelCount);
        sliceFeatureHead = nn.Linear(config.FeatureCount, config.LabelCount);
        RegisterComponents();
    }

    /// <summary>The shape this network was built with.</summary>
    public IchNetConfig Config { get; }

    internal ConvNorm Stem => stem;

    internal IReadOnlyList<BasicBlock> Blocks => [.. blocks];

    internal GRU Gru => gru;

    internal Linear SliceHead => sliceHead;

    internal Linear SubjectHead => subjectHead;

    /// <summary>Slice and subject logits for a batch of slice sequences.</summary>
    /// <param name="slices">[B, T, C, H, W] float32.</param>
    /// <returns>Slice logits [B, T, L] and subject logits [B, L].</returns>
    /// <exception cref="ArgumentException">The input is not five-dimensional.</exception>
    public override (Tensor SliceLogits, Tensor SubjectLogits) forward(Tensor slices)
    {
        RequireRank(slices, 5, "[B, T, C, H, W]");
        using var scope = NewDisposeScope();
        var (batch, length) = (slices.shape[0], slices.shape[1]);
        var features = EncodeSlices(slices.flatten(0, 1)).view(batch, length, -1);
        var (sliceLogits, subjectLogits) = ReadSequence(features);
        return (sliceLogits.MoveToOuterDisposeScope(), subjectLogits.MoveToOuterDisposeScope());
    }

    /// <summary>The last stage's activations before pooling (the Grad-CAM target layer).</summary>
    /// <param name="slices">[N, C, H, W] float32.</param>
    /// <returns>[N, F, h, w], h = H / 2^stages.</returns>
    /// <exception cref="ArgumentException">The input is not four-dimensional.</exception>
    public Tensor FeatureMaps(Tensor slices)
    {
        RequireRank(slices, 4, "[N, C, H, W]");
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(stem.call(slices));
        foreach (var block in blocks)
        {
            x = block.call(x);
        }

        return x.MoveToOuterDisposeScope();
    }

    /// <summary>One feature vector per slice: global average pooling of <see cref="FeatureMaps"/>.</summary>
    /// <param name="slices">[N, C, H, W] float32.</param>
    /// <returns>[N, F].</returns>
    /// <exception cref="ArgumentException">The input is not four-dimensional.</exception>
    public Tensor EncodeSlices(Tensor slices)
    {
        using var maps = FeatureMaps(slices);
        return maps.mean([2, 3]);
    }

    /// <summary>The sequence reader: dropout, bidirectional GRU, then the slice and subject heads.</summary>
    /// <param name="features">[B, T, F] slice features from <see cref="EncodeSlices"/>.</param>
    /// <returns>Slice logits [B, T, L] and subject logits [B, L] (from max and mean of the GRU output over T).</returns>
    /// <exception cref="ArgumentException">The input is not three-dimensional.</exception>
    public (Tensor SliceLogits, Tensor SubjectLogits) ReadSequence(Tensor features)
    {
        RequireRank(features, 3, "[B, T, F]");
        using var scope = NewDisposeScope();
        var (sequence, _) = gru.call(dropout.call(features), null);
        var sliceLogits = sliceHead.call(sequence);
        var summary = cat([sequence.amax([1]), sequence.mean([1])], 1);
        var subjectLogits = subjectHead.call(summary);
        return (sliceLogits.MoveToOuterDisposeScope(), subjectLogits.MoveToOuterDisposeScope());
    }

    /// <summary>The auxiliary head for pre-training the CNN on single slices (not part of the exported model).</summary>
    /// <param name="features">[N, F] from <see cref="EncodeSlices"/>.</param>
    /// <returns>[N, L] slice logits.</returns>
    public Tensor SliceFeatureLogits(Tensor features) => sliceFeatureHead.call(features);

    /// <summary>Parameters of the slice encoder (stem and residual stages).</summary>
    /// <returns>The encoder's parameters.</returns>
    public IEnumerable<Parameter> EncoderParameters() => stem.parameters().Concat(blocks.parameters());

    /// <summary>Parameters of the sequence reader (GRU and both heads), for training on cached features.</summary>
    /// <returns>The sequence reader's parameters.</returns>
    public IEnumerable<Parameter> SequenceReaderParameters() =>
        gru.parameters().Concat(sliceHead.parameters()).Concat(subjectHead.parameters());

    /// <summary>Parameters of the auxiliary slice head.</summary>
    /// <returns>The auxiliary head's parameters.</returns>
    public IEnumerable<Parameter> SliceFeatureHeadParameters() => sliceFeatureHead.parameters();

    private static void RequireRank(Tensor tensor, int rank, string layout)
    {
        if (tensor.dim() != rank)
        {
            throw new ArgumentException(
                $"Expected {layout}, got a tensor of shape [{string.Join(", ", tensor.shape)}].", nameof(tensor));
        }
    }
}
