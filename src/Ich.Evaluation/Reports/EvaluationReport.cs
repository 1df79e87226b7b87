using System.Text;
using System.Text.Json;
using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Reports;

/// <summary>Per-label results at subject level and at slice level; build one with <see cref="EvaluationReportBuilder"/>.</summary>
/// <param name="Subject">Subject-level results, labels in the order they were added.</param>
/// <param name="Slice">Slice-level results, labels in the order they were added.</param>
public sealed record EvaluationReport(IReadOnlyList<LabelEvaluation> Subject, IReadOnlyList<LabelEvaluation> Slice)
{
    /// <summary>The metrics written to JSON and their key order; each also has an interval under <c>ci</c>.</summary>
    public static IReadOnlyList<Metric> JsonMetrics { get; } =
        [Metric.Auc, Metric.Sensitivity, Metric.Specificity, Metric.Accuracy, Metric.F1];

    /// <summary>
    /// The report as JSON:
    /// <c>{"subject": {"&lt;label&gt;": {"auc", "sensitivity", "specificity", "accuracy", "f1", "n_pos", "n_neg",
    /// "ci": {"auc": [lo, hi], …}}, …}, "slice": {…}}</c>. An undefined value (NaN) is written as null.
    /// </summary>
    /// <param name="indented">Pretty-print with indentation.</param>
    public string ToJson(bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            WriteLevel(json, "subject", Subject);
            WriteLevel(json, "slice", Slice);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteLevel(Utf8JsonWriter json, string name, IReadOnlyList<LabelEvaluation> labels)
    {
        json.WriteStartObject(name);
        foreach (var label in labels)
        {
            json.WriteStartObject(label.Label);
            foreach (var metric in JsonMetrics)
            {
                json.WritePropertyName(metric.JsonKey());
                WriteNumber(json, label.Metrics.Value(metric));
            }

            json.WriteNumber("n_pos", label.Metrics.NPos);
            json.WriteNumber("n_neg", label.Metrics.NNeg);
            json.WriteStartObject("ci");
            foreach (var metric in JsonMetrics)
            {
                var interval = label.Intervals[metric];
                json.WriteStartArray(metric.JsonKey());
                WriteNumber(json, interval.Lower);
                WriteNumber(json, interval.Upper);
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
