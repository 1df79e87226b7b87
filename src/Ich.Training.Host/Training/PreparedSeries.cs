using Ich.Preprocessing;
using Ich.Training.Host.Data;

namespace Ich.Training.Host.Training;

/// <summary>A series after the shared preprocessing, with its slab and subject targets in model label order.</summary>
/// <param name="Input">The model input [T, C, S, S].</param>
/// <param name="SlabTargets">[T × 6] 0/1.</param>
/// <param name="SubjectTargets">[6] 0/1.</param>
/// <param name="GroupKey">Subject identity.</param>
public sealed record PreparedSeries(ModelInput Input, float[] SlabTargets, float[] SubjectTargets, string GroupKey)
{
    /// <summary>The series' twin pair (see <see cref="LabelledSeries.TwinPair"/>), or null.</summary>
    public int? TwinPair { get; init; }

    /// <summary>
    /// The augmentation draw of training item <paramref name="index"/>: one per item, but one per pair for twins, so
    /// scanner randomisation does not tell the two apart.
    /// </summary>
    public static Random AugmentationRandom(long seed, int index, long stream, LabelledSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.TwinPair is { } pair ? SeedMixer.Random(seed, pair, stream, 0x7717) : SeedMixer.Random(seed, index, stream);
    }

    /// <summary>Augments (when asked) and preprocesses one series.</summary>
    public static PreparedSeries Prepare(LabelledSeries series, InputContract contract, ScannerAugmentation augmentation, Random random)
    {
        ArgumentNullException.ThrowIfNull(series);
        var (volume, transform) = augmentation.Apply(series.Volume, random);
        var input = SeriesPreprocessor.Preprocess(volume, contract, transform);
        var masks = series.SlabMasks(input.Slabs);
        var slabTargets = new float[masks.Length * LabelledSeries.LabelCount];
        for (var s = 0; s < masks.Length; s++) LabelledSeries.WriteTargets(masks[s], slabTargets.AsSpan(s * LabelledSeries.LabelCount, LabelledSeries.LabelCount));
        var subject = new float[LabelledSeries.LabelCount];
        LabelledSeries.WriteTargets(series.SubjectMask, subject);
        return new PreparedSeries(input, slabTargets, subject, series.GroupKey) { TwinPair = series.TwinPair };
    }
}
