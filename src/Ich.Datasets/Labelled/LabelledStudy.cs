using Ich.Phantoms.Labels;
using Ich.Preprocessing;

namespace Ich.Datasets.Labelled;

/// <summary>One study of a labelled data set, read: its selected series as HU and the label set of every slice.</summary>
/// <param name="StudyInstanceUid">The study.</param>
/// <param name="GroupKey">What splits keep on one side: an opaque hash of the Patient ID, or the study when absent.</param>
/// <param name="Volume">HU, inferior → superior.</param>
/// <param name="SopInstanceUids">The slices' SOP Instance UIDs, in <paramref name="Volume"/>'s order.</param>
/// <param name="SliceLabels">Each slice's labels, in the same order.</param>
public sealed record LabelledStudy(
    string StudyInstanceUid,
    string GroupKey,
    HuVolume Volume,
    IReadOnlyList<string> SopInstanceUids,
    IReadOnlyList<SliceLabelSet> SliceLabels);
