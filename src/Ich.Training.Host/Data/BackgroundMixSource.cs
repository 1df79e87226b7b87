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
/// With twins (<see cref="PhantomSeriesSource.Twins"/>), real heads come in pairs like the phantom twins: items 2j and
/// 2j + 1 are one re-acquisition with a bleed and the same re-acquisition without it, marked as a
/// <see cref="LabelledSeries.TwinPair"/>, so the trainers give them one augmentation and set their slabs side by side.
/// The share is then drawn per pair, so a phantom pair is never split by a real series taking one of its items.
/// </summary>
public sealed class BackgroundMixSource : ISeriesSource
{
    private readonly PhantomSeriesSource _phantoms;
    private readonly IReadOnlyList<(string Name, BleedInserter Inserter)> _inserters;
    private readonly double _share;
    private readonly long _seed;
    // The pair's study, rendered once for both of its items (the pool loads consecutive items close together).
    private readonly Dictionary<int, InsertedStudy> _recentPairs = [];
    private readonly Queue<int> _recentOrder = new();
    private const int RecentPairCapacity = 4;

    /// <summary>Reads and analyses the backgrounds; refused ones are reported and left out (never silently).</summary>
    /// <exception cref="ArgumentException">No background is usable.</exception>
    public BackgroundMixSource(PhantomSeriesSource phantoms, IEnumerable<string> backgrounds, double share, long seed, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(phantoms);
        ArgumentNullException.ThrowIfNull(backgrounds);
        _phantoms = phantoms;
        _share = share;
        _seed = seed;
        // Served as pairs, every study needs a bleed: its twin supplies the pair's negative.
        var options = phantoms.Twins ? new InsertionOptions { Hemorrhage = true } : null;
        var inserters = new List<(string, BleedInserter)>();
        foreach (var path in backgrounds)
        {
            var analysis = HeadAnalyzer.Analyze(BackgroundReader.Read(path));
            if (analysis.Background is { } background)
            {
                inserters.Add((Path.GetFileName(path), new BleedInserter(background, SeedMixer.Mix(seed, inserters.Count, 31), options)));
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

    /// <summary>Whether real heads are served as positive / lesion-free twin pairs (when the phantoms are).</summary>
    public bool Pairs => _phantoms.Twins;

    /// <inheritdoc/>
    public string Description =>
        $"{1 - _share:P0} {_phantoms.Description}; {_share:P0} bleeds inserted into {_inserters.Count} real normal head(s) ({string.Join(", ", _inserters.Select(i => i.Name))}), "
        + (Pairs ? "as twin pairs: each positive followed by the same re-acquisition without its bleed" : "positives and their lesion-free twins");

    /// <inheritdoc/>
    public LabelledSeries Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Pairs ? GetPaired(index) : GetSingle(index);
    }

    private LabelledSeries GetPaired(int index)
    {
        var pair = index / 2;
        var draw = SeedMixer.Random(_seed, pair, 35);
        if (draw.NextDouble() >= _share) return _phantoms.Get(index);
        var (name, inserter) = _inserters[draw.Next(_inserters.Count)];
        return ToSeries(PairStudy(inserter, pair), name, lesionFree: index % 2 == 1) with { TwinPair = pair };
    }

    private InsertedStudy PairStudy(BleedInserter inserter, int pair)
    {
        lock (_recentPairs)
        {
            if (_recentPairs.TryGetValue(pair, out var cached)) return cached;
        }

        var study = inserter.Generate(pair);
        lock (_recentPairs)
        {
            if (_recentPairs.TryAdd(pair, study))
            {
                _recentOrder.Enqueue(pair);
                if (_recentOrder.Count > RecentPairCapacity) _recentPairs.Remove(_recentOrder.Dequeue());
            }
        }

        return study;
    }

    private LabelledSeries GetSingle(int index)
    {
        var draw = SeedMixer.Random(_seed, index, 33);
        if (draw.NextDouble() >= _share) return _phantoms.Get(index);
        var (name, inserter) = _inserters[draw.Next(_inserters.Count)];
        var study = inserter.Generate(index);
        // A third of the positives are replaced by their lesion-free twin: the same re-acquisition without the bleed.
        var useTwin = study.HasHemorrhage && draw.NextDouble() < 1.0 / 3;
        return ToSeries(study, name, useTwin);
    }

    /// <summary>The study with its bleed, or its lesion-free twin (every slice negative).</summary>
    private static LabelledSeries ToSeries(InsertedStudy study, string name, bool lesionFree)
    {
        var slices = lesionFree ? study.TwinSlices : study.Slices;
        var volume = HuVolume.FromSlices(slices, study.Width, study.Height, study.PixelSpacingMm, study.SliceThicknessMm);
        var masks = lesionFree ? new byte[slices.Count] : [.. Enumerable.Range(0, study.Labels.SliceCount).Select(study.Labels.Mask)];
        return new LabelledSeries(volume, masks, $"inserted:{name}", $"inserted:{name}");
    }
}
