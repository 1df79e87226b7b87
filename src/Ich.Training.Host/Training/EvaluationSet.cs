using Ich.Inference.Evaluation;
using Ich.Phantoms.Cohorts;
using Ich.Training.Host.Data;

namespace Ich.Training.Host.Training;

/// <summary>A set of labelled series a published model is measured on: a fixed phantom cohort or a held-out data-set part.</summary>
/// <param name="Name">Cohort name in the card (e.g. <c>ci</c>, <c>held-out</c>).</param>
/// <param name="Description">What it holds.</param>
/// <param name="Studies">Number of studies.</param>
/// <param name="Volumes">The labelled series, streamed (one in memory at a time).</param>
public sealed record EvaluationSet(string Name, string Description, int Studies, Func<IEnumerable<LabelledVolume>> Volumes)
{
    /// <summary>Card name of a labelled data set's held-out test part.</summary>
    public const string HeldOutName = "held-out";

    /// <summary>A fixed phantom cohort, generated from its seed.</summary>
    public static EvaluationSet From(FixedCohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return new(cohort.Name, cohort.Description, cohort.Studies, () => ModelPublisher.Labelled(cohort));
    }

    /// <summary>The held-out test part of a labelled DICOM data set.</summary>
    public static EvaluationSet HeldOut(DicomDatasetSource test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return new(HeldOutName, test.Description, test.Count, () => HeldOutVolumes(test));
    }

    private static IEnumerable<LabelledVolume> HeldOutVolumes(DicomDatasetSource test)
    {
        for (var i = 0; i < test.Count; i++)
        {
            var study = test.Study(i);
            yield return new LabelledVolume(study.StudyInstanceUid, study.Volume, [.. study.SliceLabels.Select(l => l.PositiveSubtypeNames())]);
        }
    }
}
