namespace Ich.Training.Network;

/// <summary>Multiply-accumulates of one forward pass, by part of the network.</summary>
/// <param name="EncoderPerSlab">The CNN (stem and residual stages) on one slab.</param>
/// <param name="SequencePerSlab">The bidirectional GRU and the slice head, per slab.</param>
/// <param name="GradCamPerSlab">The in-graph Grad-CAM (input gradient of one GRU step per label, then the weighted map sum), per slab.</param>
/// <param name="SubjectHead">The subject head, once per series.</param>
public sealed record IchNetCost(long EncoderPerSlab, long SequencePerSlab, long GradCamPerSlab, long SubjectHead)
{
    /// <summary>MACs for a series of <paramref name="slabs"/> slabs, Grad-CAM included or not.</summary>
    public long PerSeries(int slabs, bool gradCam = true) =>
        slabs * (EncoderPerSlab + SequencePerSlab + (gradCam ? GradCamPerSlab : 0)) + SubjectHead;

    /// <summary>
    /// Counts the MACs of <see cref="IchNet"/> built from <paramref name="config"/> on <paramref name="inputSize"/>²
    /// slabs, from the layer shapes the constructor builds (3×3 convs padded 1, strided 1×1 shortcuts). BatchNorm is
    /// folded into the convs at export; ReLU, adds and pooling are not MACs and are left out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSize"/> is not positive.</exception>
    public static IchNetCost Of(IchNetConfig config, int inputSize)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        config.Validate();
        long size = Out(inputSize, 2);
        long encoder = size * size * config.StemChannels * config.InputChannels * 9;
        long channels = config.StemChannels;
        for (var stage = 0; stage < config.StageChannels.Count; stage++)
        {
            for (var block = 0; block < config.BlocksPerStage[stage]; block++)
            {
                var stride = stage > 0 && block == 0 ? 2 : 1;
                long output = config.StageChannels[stage];
                size = Out(size, stride);
                var plane = size * size;
                encoder += plane * output * channels * 9 + plane * output * output * 9;
                if (stride != 1 || channels != output) encoder += plane * output * channels;
                channels = output;
            }
        }

        long features = config.FeatureCount, hidden = config.GruHidden, labels = config.LabelCount;
        var gru = 2 * 3 * hidden * (features + hidden); // two directions, three gates, input and recurrent matrices
        var sliceHead = 2 * hidden * labels;
        var gradCam = labels * (2 * 3 * hidden * features + features * size * size);
        var subjectHead = 4 * hidden * labels;
        return new IchNetCost(encoder, gru + sliceHead, gradCam, subjectHead);
    }

    // A 3×3 conv padded 1, or a 1×1 conv unpadded, at this stride: ⌊(n − 1) / s⌋ + 1 outputs.
    private static long Out(long size, int stride) => (size - 1) / stride + 1;
}
