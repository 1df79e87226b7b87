using Ich.Inference.Evaluation;
using Ich.Phantoms;

namespace Ich.Cli.Evaluate;

/// <summary>
/// The subject-level labels of the studies an evaluation scores, recorded as they stream past, so human reads of
/// the same studies can be scored against the very reference the model was (a study is positive for a label when
/// any of its slices is).
/// </summary>
internal sealed class SubjectTruth
{
    private readonly Dictionary<string, HashSet<string>> _positives = new(StringComparer.Ordinal);

    /// <summary>Passes the series through, noting each subject's positive labels.</summary>
    public IEnumerable<LabelledVolume> Record(IEnumerable<LabelledVolume> series)
    {
        foreach (var volume in series)
        {
            var positives = volume.SlicePositives.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
            if (positives.Count > 0) positives.Add("any");
            _positives[volume.SubjectKey] = positives;
            yield return volume;
        }
    }

    /// <summary>Label → subject → positive, for <c>any</c> and the five subtypes, over every subject seen.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Reference() =>
        HemorrhageSubtypes.RsnaLabelNames.ToDictionary(
            label => label,
            label => (IReadOnlyDictionary<string, bool>)_positives.ToDictionary(p => p.Key, p => p.Value.Contains(label), StringComparer.Ordinal));
}
