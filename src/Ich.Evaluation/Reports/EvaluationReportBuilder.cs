using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Reports;

/// <summary>
/// Collects per-label truth and scores at subject and slice level, then computes metrics, bootstrap intervals
/// and ROC curves for each in <see cref="Build"/>. Label names are whatever the caller passes.
/// </summary>
/// <example>
/// <code>
/// var report = new EvaluationReportBuilder(new BootstrapOptions { Seed = 7 })
///     .AddSubjectLevel("any", subjectTruth, subjectPAny)
///     .AddSliceLevel("any", sliceTruth, slicePAny, sliceStudyUids)
///     .Build();
/// File.WriteAllText("report.json", report.ToJson());
/// </code>
/// </example>
/// <param name="options">Bootstrap settings; the defaults (1000 resamples, 95 %) when null.</param>
/// <param name="threshold">Scores ≥ this are called positive.</param>
public sealed class EvaluationReportBuilder(BootstrapOptions? options = null, double threshold = BinaryMetrics.DefaultThreshold)
{
    private readonly BootstrapOptions _options = options ?? new BootstrapOptions();
    private readonly List<Input> _subject = [];
    private readonly List<Input> _slice = [];

    /// <summary>Adds one label at subject level; each subject is one resampling unit.</summary>
    /// <param name="label">The label name, unique within the subject level.</param>
    /// <param name="truth">True for subjects positive for the label.</param>
    /// <param name="score">One finite score per subject.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The label is already there, or the lists do not line up.</exception>
    public EvaluationReportBuilder AddSubjectLevel(string label, IReadOnlyList<bool> truth, IReadOnlyList<double> score) =>
        Add(_subject, new Input(label, truth, score, Groups: null));

    /// <summary>Adds one label at slice level; slices sharing a group key (their study) are resampled together.</summary>
    /// <param name="label">The label name, unique within the slice level.</param>
    /// <param name="truth">True for slices positive for the label.</param>
    /// <param name="score">One finite score per slice.</param>
    /// <param name="groups">The study (or subject) of each slice.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The label is already there, or the lists do not line up.</exception>
    public EvaluationReportBuilder AddSliceLevel(
        string label, IReadOnlyList<bool> truth, IReadOnlyList<double> score, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return Add(_slice, new Input(label, truth, score, groups));
    }

    /// <summary>Computes every added label.</summary>
    /// <returns>The report.</returns>
    public EvaluationReport Build() => new(_subject.Select(Evaluate).ToArray(), _slice.Select(Evaluate).ToArray());

    private EvaluationReportBuilder Add(List<Input> level, Input input)
    {
        ArgumentException.ThrowIfNullOrEmpty(input.Label, "label");
        ArgumentNullException.ThrowIfNull(input.Truth, "truth");
        ArgumentNullException.ThrowIfNull(input.Score, "score");
        if (level.Any(i => i.Label == input.Label))
        {
            throw new ArgumentException($"Label '{input.Label}' was already added at this level.", "label");
        }

        if (input.Truth.Count != input.Score.Count || (input.Groups is not null && input.Groups.Count != input.Truth.Count))
        {
            throw new ArgumentException($"Label '{input.Label}': truth, scores and groups must have one entry per case.", "score");
        }

        level.Add(input);
        return this;
    }

    private LabelEvaluation Evaluate(Input input) => new(
        input.Label,
        BinaryMetrics.Compute(input.Truth, input.Score, threshold),
        Bootstrap.ConfidenceIntervals(input.Truth, input.Score, input.Groups, _options, threshold),
        RocCurve.Compute(input.Truth, input.Score));

    private sealed record Input(string Label, IReadOnlyList<bool> Truth, IReadOnlyList<double> Score, IReadOnlyList<string>? Groups);
}
