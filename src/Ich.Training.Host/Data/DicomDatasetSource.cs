using Ich.Datasets.Labelled;
using Ich.Datasets.Splits;

namespace Ich.Training.Host.Data;

/// <summary>
/// One part (train, validation or test) of a labelled DICOM data set, such as the RSNA 2019 collection in its own
/// layout. The split is by subject (<see cref="SubjectSplit"/>): all studies of a patient are on one side. The
/// training part hands out its studies in a seeded order, endlessly; the held-out parts hand out study i at item i.
/// </summary>
public sealed class DicomDatasetSource : ISeriesSource
{
    private readonly LabelledDicomSet _set;
    private readonly IReadOnlyList<int> _studies;
    private readonly long _seed;
    private readonly string _name;

    /// <summary>Creates the source of one part.</summary>
    /// <exception cref="ArgumentException">The part holds no study.</exception>
    public DicomDatasetSource(LabelledDicomSet set, SubjectSplit split, SplitPart part, string name)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(split);
        _set = set;
        _studies = split.Assign([.. set.Studies.Select(s => s.GroupKey)])[part];
        if (_studies.Count == 0)
            throw new ArgumentException($"The {part.ToString().ToLowerInvariant()} part of {name} holds no study ({set.Studies.Count} usable studies; at least 3 subjects are needed).", nameof(set));
        _seed = split.Seed;
        Part = part;
        _name = name;
    }

    /// <summary>The part handed out.</summary>
    public SplitPart Part { get; }

    /// <summary>Studies in this part.</summary>
    public int Count => _studies.Count;

    /// <summary>Subjects in this part.</summary>
    public int Subjects => _studies.Select(i => _set.Studies[i].GroupKey).Distinct().Count();

    /// <inheritdoc/>
    public string Description =>
        $"{_name}: {Part.ToString().ToLowerInvariant()} part, {Count} studies of {Subjects} subjects (split by subject, seed {_seed})";

    /// <inheritdoc/>
    public LabelledSeries Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var study = Part == SplitPart.Train
            ? _studies[SeedMixer.Random(_seed, index, 41).Next(_studies.Count)]
            : _studies[index % _studies.Count];
        var read = _set.Load(study);
        var masks = read.SliceLabels.Select(l => l.Subtypes).ToArray();
        return new LabelledSeries(read.Volume, masks, read.GroupKey, $"dicom:{_name}");
    }

    /// <summary>Study <paramref name="index"/> of this part (held-out parts: for evaluation).</summary>
    public LabelledStudy Study(int index) => _set.Load(_studies[index]);
}
