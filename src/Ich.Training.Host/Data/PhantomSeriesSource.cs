using Ich.Phantoms;
using Ich.Preprocessing;

namespace Ich.Training.Host.Data;

/// <summary>
/// Phantom series for training and testing, drawn across the scanner settings hospitals upload: slice thickness
/// 1.25–5 mm and matrices 256² and 512². Study i of a seed is always the same series.
/// </summary>
public sealed class PhantomSeriesSource : ISeriesSource
{
    private static readonly (float Thickness, double Weight)[] Thicknesses = [(1.25f, 0.15), (2.5f, 0.2), (3f, 0.1), (4f, 0.15), (5f, 0.4)];
    private readonly long _seed;
    private readonly double _prevalence;
    private readonly double _share512;
    private readonly Dictionary<(float, int), PhantomGenerator> _generators = [];

    /// <summary>Creates a source.</summary>
    /// <param name="seed">Cohort seed.</param>
    /// <param name="prevalence">Share of subjects with hemorrhage.</param>
    /// <param name="share512">Share of studies rendered at 512² (the rest at 256²).</param>
    public PhantomSeriesSource(long seed, double prevalence = PhantomOptions.DefaultPrevalence, double share512 = 0.1)
    {
        _seed = seed;
        _prevalence = prevalence;
        _share512 = share512;
    }

    /// <inheritdoc/>
    public string Description => $"phantoms (seed {_seed}, prevalence {_prevalence:0.00}, 1.25–5 mm, {_share512:P0} at 512²)";

    /// <inheritdoc/>
    public LabelledSeries Get(int index)
    {
        var draw = SeedMixer.Random(_seed, index, 0x5eed);
        var u = draw.NextDouble();
        var thickness = Thicknesses[^1].Thickness;
        foreach (var (t, w) in Thicknesses)
        {
            if (u < w) { thickness = t; break; }
            u -= w;
        }

        var matrix = draw.NextDouble() < _share512 ? 512 : 256;
        PhantomGenerator generator;
        lock (_generators)
        {
            if (!_generators.TryGetValue((thickness, matrix), out generator!))
            {
                generator = new PhantomGenerator(SeedMixer.Mix(_seed, (long)(thickness * 100), matrix), new PhantomOptions { Matrix = matrix, SliceThicknessMm = thickness, Prevalence = _prevalence });
                _generators[(thickness, matrix)] = generator;
            }
        }

        var study = generator.Generate(index);
        var geometry = study.Geometry;
        var volume = HuVolume.FromSlices(study.Slices, geometry.Matrix, geometry.Matrix, geometry.PixelSpacingMm, geometry.SliceThicknessMm);
        var masks = new byte[study.Labels.SliceCount];
        for (var k = 0; k < masks.Length; k++) masks[k] = study.Labels.Mask(k);
        return new LabelledSeries(volume, masks, $"phantom:{_seed}:{index}", "phantom");
    }
}
