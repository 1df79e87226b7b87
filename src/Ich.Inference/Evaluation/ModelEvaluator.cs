using Ich.Evaluation.Reports;
using Ich.Inference.Engine;
using Ich.Inference.Models;
using Ich.Preprocessing;

namespace Ich.Inference.Evaluation;

/// <summary>One labelled series to evaluate on.</summary>
/// <param name="SubjectKey">Study identity.</param>
/// <param name="Volume">HU volume.</param>
/// <param name="SlicePositives">For each slice, the subtype names it contains.</param>
public sealed record LabelledVolume(string SubjectKey, HuVolume Volume, IReadOnlyList<IReadOnlySet<string>> SlicePositives);

/// <summary>Runs a served model over labelled series and scores it (<see cref="CohortScorer"/>).</summary>
public static class ModelEvaluator
{
    /// <summary>Evaluates <paramref name="model"/> on <paramref name="series"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="series">Labelled series (streamed: one in memory at a time).</param>
    /// <param name="progress">Called after each series with the count done.</param>
    /// <param name="includeSubjectLevel">False for isolated slices.</param>
    /// <param name="predictions">Receives every prediction as CSV (<see cref="CohortScorer.WritePredictionsCsv"/>), if given.</param>
    public static EvaluationReport Evaluate(OnnxIchModel model, IEnumerable<LabelledVolume> series, Action<int>? progress = null, bool includeSubjectLevel = true,
        TextWriter? predictions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(series);
        var scorer = new CohortScorer(model.Card.ScoredLabels, keepPredictions: predictions is not null);
        var done = 0;
        foreach (var item in series)
        {
            var (input, prediction) = model.Predict(item.Volume);
            scorer.Add(item.SubjectKey, prediction, input.SlabOfSlice, item.SlicePositives);
            progress?.Invoke(++done);
        }

        if (predictions is not null) scorer.WritePredictionsCsv(predictions);
        return scorer.Build(includeSubjectLevel);
    }

    /// <summary>The point figures of a report for a model card.</summary>
    public static CohortMetrics ToCardMetrics(EvaluationReport report, string cohort, string description, int studies) => new()
    {
        Cohort = cohort,
        Description = description,
        Studies = studies,
        Subject = CohortScorer.Figures(report.Subject),
        Slice = CohortScorer.Figures(report.Slice),
    };
}
