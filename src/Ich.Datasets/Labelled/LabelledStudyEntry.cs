using Ich.Dicom.Series.Assembly;

namespace Ich.Datasets.Labelled;

/// <summary>A study of a labelled data set that can be read: every slice of its selected series has a label row.</summary>
/// <param name="StudyInstanceUid">The study.</param>
/// <param name="GroupKey">Split key (see <see cref="LabelledStudy.GroupKey"/>).</param>
/// <param name="Series">The selected series, in spatial order.</param>
public sealed record LabelledStudyEntry(string StudyInstanceUid, string GroupKey, SeriesAssembly Series)
{
    /// <summary>Slices of the selected series.</summary>
    public int SliceCount => Series.Slices.Count;
}
