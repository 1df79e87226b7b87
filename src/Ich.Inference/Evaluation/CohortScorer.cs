using System.Globalization;
using Ich.Evaluation.Metrics;
using Ich.Evaluation.Reports;
using Ich.Evaluation.TwoStage;
using Ich.Inference.Engine;
using Ich.Inference.Models;

namespace Ich.Inference.Evaluation;

/// <summary>
/// Collects a model's predictions on labelled series and scores them as the paper does: subject and slice level,
/// every label at threshold 0.5, with the two-stage workflow applied to the subtypes (a subject called ICH-negative,
/// p(any) &lt; 0.5, is negative for every subtype; see <see cref="TwoStageScores"/>). Slab outputs are mapped back
/// to every original slice, so slice figures count the slices that were uploaded.
/// </summary>
public sealed class CohortScorer
{
    private readonly IReadOnlyList<string> _labels;
    private readonly List<bool>[] _subjectTruth;
    private readonly List<double>[] _subjectScore;
    private readonly List<bool>[] _sliceTruth;
    private readonly List<double>[] _sliceScore;
    private readonly List<string> _sliceGroups = [];
    private readonly List<PredictionRow>? _rows;

    /// <summary>Creates a scorer for <paramref name="labels"/> (must start with <c>any</c>).</summary>
    /// <param name="labels">The labels to score.</param>
    /// <param name="keepPredictions">Keep every prediction for <see cref="WritePredictionsCsv"/>.</param>
    public CohortScorer(IReadOnlyList<string> labels, bool keepPredictions = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0 || labels[0] != ModelLabels.Any) throw new ArgumentException("The first label must be 'any'.", nameof(labels));
        _labels = labels;
        _subjectTruth = NewLists<bool>();
        _subjectScore = NewLists<double>();
        _sliceTruth = NewLists<bool>();
        _sliceScore = NewLists<double>();
        _rows = keepPredictions ? [] : null;
    }

    /// <summary>Number of subjects added.</summary>
    public int Subjects => _subjectTruth[0].Count;

    /// <summary>Number of slices added.</summary>
    public int Slices => _sliceGroups.Count;

    /// <summary>Adds one series.</summary>
    /// <param name="subjectKey">Study identity (slices of one study are resampled together).</param>
    /// <param name="prediction">The model output.</param>
    /// <param name="slabOfSlice">For each source slice, its slab.</param>
    /// <param name="slicePositives">For each source slice, the labels that are true (any subtype implies <c>any</c>).</param>
    public void Add(string subjectKey, SeriesPrediction prediction, IReadOnlyList<int> slabOfSlice, IReadOnlyList<IReadOnlySet<string>> slicePositives)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(slabOfSlice);
        ArgumentNullException.ThrowIfNull(slicePositives);
        if (slabOfSlice.Count != slicePositives.Count) throw new ArgumentException("One truth set per slice is needed.", nameof(slicePositives));
        var index = _labels.Select(prediction.IndexOf).ToArray();
        var subjectAny = prediction.SubjectProbabilities[index[0]];
        _rows?.Add(new PredictionRow(subjectKey, null, null,
            [.. _labels.Select(label => slicePositives.Any(s => IsPositive(s, label)))], [.. index.Select(i => prediction.SubjectProbabilities[i])]));
        for (var l = 0; l < _labels.Count; l++)
        {
            var label = _labels[l];
            var truth = slicePositives.Any(s => IsPositive(s, label));
            var p = prediction.SubjectProbabilities[index[l]];
            _subjectTruth[l].Add(truth);
            _subjectScore[l].Add(l == 0 ? p : TwoStageScores.Score(subjectAny, p));
        }

        for (var i = 0; i < slabOfSlice.Count; i++)
        {
            var slab = slabOfSlice[i];
            _sliceGroups.Add(subjectKey);
            _rows?.Add(new PredictionRow(subjectKey, i, slab,
                [.. _labels.Select(label => IsPositive(slicePositives[i], label))], [.. index.Select(j => prediction.SlabProbabilities[slab * prediction.Labels.Count + j])]));
            for (var l = 0; l < _labels.Count; l++)
            {
                var p = prediction.SlabProbabilities[slab * prediction.Labels.Count + index[l]];
                _sliceTruth[l].Add(IsPositive(slicePositives[i], _labels[l]));
                _sliceScore[l].Add(l == 0 ? p : TwoStageScores.Score(subjectAny, p));
            }
        }
    }

    /// <summary>The report (subject level omitted for collections of isolated slices).</summary>
    public EvaluationReport Build(bool includeSubjectLevel = true, BootstrapOptions? bootstrap = null)
    {
        var builder = new EvaluationReportBuilder(bootstrap);
        for (var l = 0; l < _labels.Count; l++)
        {
            if (includeSubjectLevel) builder.AddSubjectLevel(_labels[l], _subjectTruth[l], _subjectScore[l]);
            builder.AddSliceLevel(_labels[l], _sliceTruth[l], _sliceScore[l], _sliceGroups);
        }

        return builder.Build();
    }

    /// <summary>
    /// Writes every prediction as CSV, for error analysis: each subject's row (<c>slice</c> and <c>slab</c> empty)
    /// followed by a row per source slice of it, with the truth (0/1) and the model's probability for each label. The
    /// probabilities are those served (the card's operating points applied), before the two-stage workflow gates the
    /// subtypes (a subtype counts only where the subject's p(any) ≥ 0.5), so other workflows can be scored from the same file.
    /// </summary>
    /// <exception cref="InvalidOperationException">The scorer was created without <c>keepPredictions</c>.</exception>
    public void WritePredictionsCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_rows is null) throw new InvalidOperationException("This scorer was created without keepPredictions.");
        writer.WriteLine(string.Join(',', new[] { "level", "subject", "slice", "slab" }
            .Concat(_labels.Select(l => $"truth_{l}")).Concat(_labels.Select(l => $"p_{l}"))));
        foreach (var row in _rows)
        {
            var fields = new[] { row.Slice is null ? "subject" : "slice", Quoted(row.Subject), row.Slice?.ToString(CultureInfo.InvariantCulture) ?? "", row.Slab?.ToString(CultureInfo.InvariantCulture) ?? "" }
                .Concat(row.Truth.Select(t => t ? "1" : "0"))
                .Concat(row.Probabilities.Select(p => p.ToString("0.######", CultureInfo.InvariantCulture)));
            writer.WriteLine(string.Join(',', fields));
        }
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>One subject's or one source slice's truth and probabilities, in the scorer's label order.</summary>
    private sealed record PredictionRow(string Subject, int? Slice, int? Slab, bool[] Truth, float[] Probabilities);

    /// <summary>The report's point figures, as a model card stores them.</summary>
    public static IReadOnlyDictionary<string, LabelFigures> Figures(IReadOnlyList<LabelEvaluation> level) =>
        level.ToDictionary(e => e.Label, e => new LabelFigures(
            Round(e.Metrics.Auc), Round(e.Metrics.Sensitivity), Round(e.Metrics.Specificity), Round(e.Metrics.Accuracy), Round(e.Metrics.F1),
            e.Metrics.NPos, e.Metrics.NNeg));

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 4) : value;

    internal static bool IsPositive(IReadOnlySet<string> positives, string label) =>
        label == ModelLabels.Any ? positives.Count > 0 : positives.Contains(label);

    private List<T>[] NewLists<T>() => [.. Enumerable.Range(0, _labels.Count).Select(_ => new List<T>())];
}
