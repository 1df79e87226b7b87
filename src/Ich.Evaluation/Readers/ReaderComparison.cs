using System.Globalization;
using System.Text;
using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Readers;

/// <summary>One label's reader scores: each reader against the reference, and mean ± sd across readers.</summary>
/// <param name="Label">The label.</param>
/// <param name="ByReader">Each reader's metrics (a 0/1 read is the score, so AUC equals (sensitivity + specificity) / 2).</param>
/// <param name="Summary">Mean ± sd across readers of every metric.</param>
public sealed record LabelReaderScores(
    string Label,
    IReadOnlyDictionary<string, BinaryMetrics> ByReader,
    IReadOnlyDictionary<Metric, MeanSd> Summary);

/// <summary>
/// Scores human readers the way the paper's Table 2 does: each reader's 0/1 reads against the reference labels,
/// with the same metrics as the model, then mean ± sd across readers per label.
/// </summary>
public static class ReaderComparison
{
    /// <summary>Scores every reader on every label. A reader is scored on the subjects they read that have a
    /// reference value; a read of a subject the reference lacks is an error, since it would be silently lost.</summary>
    /// <param name="reads">The human reads.</param>
    /// <param name="reference">The reference standard: label → subject → positive.</param>
    /// <param name="labels">The labels to score, in report order; all labels of <paramref name="reference"/>
    /// that were read when null.</param>
    /// <returns>One entry per label.</returns>
    /// <exception cref="ArgumentException">A label has no reference, or a read subject has no reference value.</exception>
    public static IReadOnlyList<LabelReaderScores> Score(
        ReaderReads reads,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> reference,
        IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(reference);
        labels ??= reads.Labels.Where(reference.ContainsKey).ToList();
        var result = new List<LabelReaderScores>();
        foreach (var label in labels)
        {
            if (!reference.TryGetValue(label, out var truthBySubject))
            {
                throw new ArgumentException($"No reference values for label '{label}'.", nameof(labels));
            }

            var byReader = new Dictionary<string, BinaryMetrics>();
            foreach (var reader in reads.Readers)
            {
                var scored = reads.ReadsOf(reader, label);
                if (scored.Count == 0)
                {
                    continue;
                }

                var truth = scored.Select(r => truthBySubject.TryGetValue(r.Subject, out var t)
                    ? t
                    : throw new ArgumentException($"Reader '{reader}' read subject '{r.Subject}' for '{label}', which has no reference value.", nameof(reference)))
                    .ToList();
                byReader[reader] = BinaryMetrics.Compute(truth, scored.Select(r => r.Value ? 1.0 : 0.0).ToList());
            }

            var summary = MetricNames.All.ToDictionary(m => m, m => MeanSd.Of(byReader.Values.Select(b => b.Value(m))));
            result.Add(new LabelReaderScores(label, byReader, summary));
        }

        return result;
    }

    /// <summary>A Markdown table: one row per label, mean ± sd across readers of sensitivity, specificity,
    /// accuracy and F1, and the number of readers.</summary>
    /// <param name="scores">The output of <see cref="Score"/>.</param>
    public static string ToMarkdown(IReadOnlyList<LabelReaderScores> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        Metric[] columns = [Metric.Sensitivity, Metric.Specificity, Metric.Accuracy, Metric.F1];
        var text = new StringBuilder();
        text.AppendLine("| Label | Sensitivity | Specificity | Accuracy | F1 | Readers |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var label in scores)
        {
            var cells = columns.Select(m => Format(label.Summary[m]));
            text.Append("| ").Append(label.Label).Append(" | ").Append(string.Join(" | ", cells))
                .Append(" | ").Append(label.ByReader.Count.ToString(CultureInfo.InvariantCulture)).AppendLine(" |");
        }

        return text.ToString();
    }

    private static string Format(MeanSd value) => double.IsNaN(value.Mean)
        ? "n/a"
        : double.IsNaN(value.StandardDeviation)
            ? value.Mean.ToString("0.000", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{value.Mean:0.000} ± {value.StandardDeviation:0.000}");
}
