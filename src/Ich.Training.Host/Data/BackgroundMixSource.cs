using Ich.Phantoms.Insertion.Analysis;
using Ich.Phantoms.Insertion.Backgrounds;
using Ich.Phantoms.Insertion.Insertion;
using Ich.Preprocessing;

namespace Ich.Training.Host.Data;

/// <summary>
/// Phantoms mixed with bleeds inserted into real normal heads (<c>ich phantoms insert</c>'s in-memory API), at a
/// stated share. Real anatomy is what phantoms lack most: a model trained on phantoms alone calls most slices of a
/// real normal head hemorrhage. Inserted negatives are the lesion-free twins and the negative re-acquisitions of
/// the same heads, so a real head is never a cue for blood. Item i is always the same series.
/// </summary>
public sealed class BackgroundMixSource : ISeriesSource
{
    private readonly PhantomSeriesSource _phantoms;
    private readonly IReadOnlyList<(string Name, BleedInserter Inserter)> _inserters;
    private readonly double _share;
    private readonly long _seed;

    /// <summary>Reads and analyses the backgrounds; refused ones are reported and left out (never silently).</summary>
    /// <exception cref="ArgumentException">No background is usable.</exception>
    public BackgroundMixSource(PhantomSeriesSource phantoms, IEnumerable<string> backgrounds, double share, long seed, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(phantoms);
        ArgumentNullException.ThrowIfNull(backgrounds);
        _phantoms = phantoms;
        _share = share;
        _seed = seed;
        var inserters = new List<(string, BleedInserter)>();
        foreach (var path in backgrounds)
        {
            var analysis = HeadAnalyzer.Analyze(BackgroundReader.Read(path));
            if (analysis.Background is { } background)
            {
                inserters.Add((Path.GetFileName(path), new BleedInserter(background, SeedMixer.Mix(seed, inserters.Count, 31))));
                log.WriteLine($"background {path}: accepted");
            }
            else
            {
                log.WriteLine($"background {path}: refused ({analysis.Refusal})");
            }
        }

        if (inserters.Count == 0) throw new ArgumentException("None of the backgrounds is a usable normal head CT (see above).", nameof(backgrounds));
        _inserters = inserters;
    }

    /// <inheritdoc/>
    public string Description =>
        $"{1 - _share:P0} {_phantoms.Description}; {_share:P0} bleeds inserted into {_inserters.Count} real normal head(s) ({string.Join(", ", _inserters.Select(i => i.Name))}), positives and their lesion-free twins";

    /// <inheritdoc/>
    public LabelledSeries Get(int index)
    {
        var draw = SeedMixer.Random(_seed, index, 33);
        if (draw.NextDouble() >= _share) return _phantoms.Get(index);
        var (name, inserter) = _inserters[draw.Next(_inserters.Count)];
        var study = inserter.Generate(index);
        // A third of the positives are replaced by their lesion-free twin: the same re-acquisition without the bleed.
        var useTwin = study.HasHemorrhage && draw.NextDouble() < 1.0 / 3;
        var slices = useTwin ? study.TwinSlices : study.Slices;
        var volume = HuVolume.FromSlices(slices, study.Width, study.Height, study.PixelSpacingMm, study.SliceThicknessMm);
        var masks = useTwin ? new byte[slices.Count] : [.. Enumerable.Range(0, study.Labels.SliceCount).Select(study.Labels.Mask)];
        return new LabelledSeries(volume, masks, $"inserted:{name}", $"inserted:{name}");
    }
}
