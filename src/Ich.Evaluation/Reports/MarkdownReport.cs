using System.Globalization;
using System.Text;
using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Reports;

/// <summary>
/// Markdown tables in the style of Table 3 of Ye et al. (2019): one row per label; columns AUC (95 % CI),
/// sensitivity, specificity, accuracy, F1 and n+/n−; one table for subject level and one for slice level. With a
/// second model, each metric column is repeated per model, side by side (e.g. Sli-Lab | Sub-Lab).
/// </summary>
public static class MarkdownReport
{
    private static readonly Metric[] PlainColumns = [Metric.Sensitivity, Metric.Specificity, Metric.Accuracy, Metric.F1];

    /// <summary>Both tables of one or two models.</summary>
    /// <param name="model">The first model's report.</param>
    /// <param name="modelName">The first model's column caption, e.g. "Sub-Lab".</param>
    /// <param name="other">A second model to show beside it, or null.</param>
    /// <param name="otherName">The second model's caption; required with <paramref name="other"/>.</param>
    /// <returns>Markdown text: a "Subject level" and a "Slice level" section.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is given without <paramref name="otherName"/>.</exception>
    public static string Table3(EvaluationReport model, string modelName, EvaluationReport? other = null, string? otherName = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (other is not null && string.IsNullOrWhiteSpace(otherName))
        {
            throw new ArgumentException("A second model needs a name.", nameof(otherName));
        }

        var models = new List<(string Name, EvaluationReport Report)> { (modelName, model) };
        if (other is not null)
        {
            models.Add((otherName!, other));
        }

        var text = new StringBuilder();
        AppendLevel(text, "Subject level", models.Select(m => (m.Name, m.Report.Subject)).ToList());
        text.AppendLine();
        AppendLevel(text, "Slice level", models.Select(m => (m.Name, m.Report.Slice)).ToList());
        return text.ToString();
    }

    private static void AppendLevel(StringBuilder text, string title, List<(string Name, IReadOnlyList<LabelEvaluation> Labels)> models)
    {
        text.Append("## ").AppendLine(title).AppendLine();
        var suffix = models.Count > 1;
        var header = new List<string> { "Label" };
        foreach (var caption in new[] { "AUC (95% CI)", "Sensitivity", "Specificity", "Accuracy", "F1" })
        {
            header.AddRange(models.Select(m => suffix ? $"{caption} {m.Name}" : caption));
        }

        header.Add("n+/n−");
        AppendRow(text, header);
        AppendRow(text, header.Select(_ => "---"));

        var labels = models.SelectMany(m => m.Labels.Select(l => l.Label)).Distinct().ToList();
        if (labels.Count == 0)
        {
            text.AppendLine().AppendLine("No labels at this level.");
            return;
        }

        var notes = new List<string>();
        foreach (var label in labels)
        {
            var found = models.Select(m => (m.Name, Result: m.Labels.FirstOrDefault(l => l.Label == label))).ToList();
            var row = new List<string> { label };
            row.AddRange(found.Select(f => f.Result is null ? "—" : AucCell(f.Result)));
            foreach (var metric in PlainColumns)
            {
                row.AddRange(found.Select(f => f.Result is null ? "—" : Number(f.Result.Metrics.Value(metric))));
            }

            row.Add(string.Join(" · ", found.Where(f => f.Result is not null)
                .Select(f => $"{f.Result!.Metrics.NPos}/{f.Result.Metrics.NNeg}").Distinct()));
            AppendRow(text, row);
            notes.AddRange(found.Where(f => f.Result?.Metrics.AucUndefinedReason is not null)
                .Select(f => $"- AUC n/a for {label}{(suffix ? $" ({f.Name})" : "")}: {f.Result!.Metrics.AucUndefinedReason}."));
        }

        if (notes.Count > 0)
        {
            text.AppendLine();
            notes.ForEach(n => text.AppendLine(n));
        }
    }

    private static string AucCell(LabelEvaluation result)
    {
        var ci = result.Intervals[Metric.Auc];
        var point = Number(result.Metrics.Auc);
        return ci.IsDefined && !double.IsNaN(result.Metrics.Auc) ? $"{point} ({Number(ci.Lower)}–{Number(ci.Upper)})" : point;
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static void AppendRow(StringBuilder text, IEnumerable<string> cells) =>
        text.Append("| ").Append(string.Join(" | ", cells)).AppendLine(" |");
}
