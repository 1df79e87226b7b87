using Ich.Phantoms;
using Ich.Preprocessing;

namespace Ich.Training.Host.Data;

/// <summary>
/// Phantom series for training and testing, drawn across the scanner settings hospitals upload: slice thickness
/// 1.25–5 mm and matrices 256² and 512². Study i of a seed is always the same series.
/// </summary>
/// <remarks>
/// With twins, items come in blocks of two (2j, 2j + 1): a block is either a twin pair (a positive subject, then the
/// same subject without its lesions: same anatomy, scanner and noise, so the pair differs only in the lesion) or two
/// ordinary draws. <see cref="TwinShare"/> of the items are in pairs and the ordinary draws are made at a
/// prevalence chosen so that the share of positive subjects stays the one asked for.
/// </remarks>
public sealed class PhantomSeriesSource : ISeriesSource
{
    private static readonly (float Thickness, double Weight)[] Thicknesses = [(1.25f, 0.15), (2.5f, 0.2), (3f, 0.1), (4f, 0.15), (5f, 0.4)];
    private readonly long _seed;
    private readonly double _prevalence;
    private readonly double _share512;
    private readonly Dictionary<(float, int, bool), PhantomGenerator> _generators = [];

    /// <summary>Creates a source.</summary>
    /// <param name="seed">Cohort seed.</param>
    /// <param name="prevalence">Share of subjects with hemorrhage.</param>
    /// <param name="share512">Share of studies rendered at 512² (the rest at 256²).</param>
    /// <param name="twins">Hand out positive / lesion-free twin pairs as consecutive items (see remarks).</param>
    public PhantomSeriesSource(long seed, double prevalence = PhantomOptions.DefaultPrevalence, double share512 = 0.1, bool twins = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(prevalence, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prevalence, 1);
        _seed = seed;
        _prevalence = prevalence;
        _share512 = share512;
        Twins = twins;
        // Pairs are half positive; the ordinary draws make up the rest of the prevalence. Half the items in pairs
        // at most, fewer when the prevalence is far from ½ (a pair brings one positive and one negative).
        TwinShare = twins ? Math.Min(0.5, 2 * Math.Min(prevalence, 1 - prevalence)) : 0;
        OrdinaryPrevalence = TwinShare < 1 ? Math.Clamp((prevalence - TwinShare / 2) / (1 - TwinShare), 0, 1) : prevalence;
    }

    /// <summary>Whether items come as twin pairs.</summary>
    public bool Twins { get; }

    /// <summary>Expected share of items that belong to a twin pair (0 without twins).</summary>
    public double TwinShare { get; }

    /// <summary>Prevalence of the items outside twin pairs (the given prevalence without twins).</summary>
    public double OrdinaryPrevalence { get; }

    /// <inheritdoc/>
    public string Description =>
        $"phantoms (seed {_seed}, prevalence {_prevalence:0.00}, 1.25–5 mm, {_share512:P0} at 512²)"
        + (Twins ? $"; twins: {TwinShare:P0} of series in positive / lesion-free twin pairs (same anatomy, scanner and noise), the rest drawn at prevalence {OrdinaryPrevalence:0.00}" : "");

    /// <summary>Whether item <paramref name="index"/> belongs to a twin pair (items 2j and 2j + 1 together).</summary>
    public bool IsTwin(int index) => Twins && SeedMixer.Random(_seed, index / 2, 0x7717).NextDouble() < TwinShare;

    /// <inheritdoc/>
    public LabelledSeries Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (IsTwin(index)) return GetTwin(index / 2, withLesions: index % 2 == 0);

        var generator = Generator(SeedMixer.Random(_seed, index, 0x5eed), twin: false);
        return ToSeries(generator.Generate(index), $"phantom:{_seed}:{index}");
    }

    private LabelledSeries GetTwin(int pair, bool withLesions)
    {
        // Both members draw the scanner settings from the pair, so they share them.
        var generator = Generator(SeedMixer.Random(_seed, pair, 0x7e1d), twin: true);
        return ToSeries(generator.GenerateTwin(pair, withLesions), $"phantom-twin:{_seed}:{pair}") with { TwinPair = pair };
    }

    private PhantomGenerator Generator(Random draw, bool twin)
    {
        var u = draw.NextDouble();
        var thickness = Thicknesses[^1].Thickness;
        foreach (var (t, w) in Thicknesses)
        {
            if (u < w) { thickness = t; break; }
            u -= w;
        }

        var matrix = draw.NextDouble() < _share512 ? 512 : 256;
        lock (_generators)
        {
            if (!_generators.TryGetValue((thickness, matrix, twin), out var generator))
            {
                // Twin subjects come from their own seeds, so no subject is both an ordinary item and a twin.
                var seed = twin ? SeedMixer.Mix(_seed, (long)(thickness * 100), matrix, 0x7717) : SeedMixer.Mix(_seed, (long)(thickness * 100), matrix);
                generator = new PhantomGenerator(seed, new PhantomOptions { Matrix = matrix, SliceThicknessMm = thickness, Prevalence = OrdinaryPrevalence });
                _generators[(thickness, matrix, twin)] = generator;
            }

            return generator;
        }
    }

    private static LabelledSeries ToSeries(PhantomStudy study, string groupKey)
    {
        var geometry = study.Geometry;
        var volume = HuVolume.FromSlices(study.Slices, geometry.Matrix, geometry.Matrix, geometry.PixelSpacingMm, geometry.SliceThicknessMm);
        var masks = new byte[study.Labels.SliceCount];
        for (var k = 0; k < masks.Length; k++) masks[k] = study.Labels.Mask(k);
        return new LabelledSeries(volume, masks, groupKey, "phantom");
    }
}
