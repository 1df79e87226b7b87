using System.Globalization;
using System.Text;
using System.Text.Json;
using Ich.Evaluation.Metrics;

namespace Ich.Evaluation.Readers;

/// <summary>
/// The paper's Table 2 as one report: per label, every reader scored against a reference (the metrics the model is
/// scored with, a 0/1 read as the score), mean ± sd across readers, and inter-rater agreement (percentage of
/// unanimous subjects, pairwise Cohen's κ, Fleiss' κ).
/// </summary>
/// <param name="Reference">What the readers were scored against, in words.</param>
/// <param name="Scores">Per label, each reader against the reference.</param>
/// <param name="Agreement">Per label, agreement among the readers (independent of the reference).</param>
public sealed record ReaderReport(string Reference, IReadOnlyList<LabelReaderScores> Scores, IReadOnlyList<LabelAgreement> Agreement)
{
    /// <summary>Words for the majority-vote reference.</summary>
    public const string MajorityReference = "majority vote of the readers (ties positive)";

    /// <summary>
    /// Scores the readers against their own majority vote, as a study without an independent standard does. Each
    /// reader is part of the reference, which flatters readers; give an independent reference when one exists.
    /// </summary>
    public static ReaderReport AgainstMajority(ReaderReads reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var reference = reads.Labels.ToDictionary(l => l, l => ReaderAgreement.MajorityVote(reads, l));
        return Against(reads, reference, MajorityReference);
    }

    /// <summary>Scores the readers against <paramref name="reference"/> (label → subject → positive).</summary>
    /// <exception cref="ArgumentException">A read subject has no reference value.</exception>
    public static ReaderReport Against(ReaderReads reads, IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> reference, string referenceName)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(reference);
        var labels = reads.Labels.Where(reference.ContainsKey).ToList();
        var missing = reads.Labels.Except(labels).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"The reference has no values for label(s) {string.Join(", ", missing)} that the readers read.", nameof(reference));
        return new ReaderReport(referenceName, ReaderComparison.Score(reads, reference, labels), [.. labels.Select(l => ReaderAgreement.Compute(reads, l))]);
    }

    /// <summary>
    /// One JSON object: <c>{"reference", "labels": {label: {"readers": {name: {metrics, n_pos, n_neg}}, "mean":
    /// {metric: {"mean", "sd"}}, "agreement": {"subjects", "percent_agreement", "fleiss_kappa", "pairwise": [...]}}}}</c>;
    /// undefined values are null.
    /// </summary>
    public string ToJson(bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            WriteTo(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the object <see cref="ToJson"/> describes at the writer's position.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("reference", Reference);
        json.WriteStartObject("labels");
        foreach (var label in Scores)
        {
            json.WriteStartObject(label.Label);
            json.WriteStartObject("readers");
            foreach (var (reader, metrics) in label.ByReader)
            {
                json.WriteStartObject(reader);
                foreach (var metric in MetricNames.All)
                {
                    json.WritePropertyName(metric.JsonKey());
                    Number(json, metrics.Value(metric));
                }

                json.WriteNumber("n_pos", metrics.NPos);
                json.WriteNumber("n_neg", metrics.NNeg);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("mean");
            foreach (var metric in MetricNames.All)
            {
                json.WriteStartObject(metric.JsonKey());
                json.WritePropertyName("mean");
                Number(json, label.Summary[metric].Mean);
                json.WritePropertyName("sd");
                Number(json, label.Summary[metric].StandardDeviation);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            var agreement = Agreement.Single(a => a.Label == label.Label);
            json.WriteStartObject("agreement");
            json.WriteNumber("subjects", agreement.Subjects);
            json.WritePropertyName("percent_agreement");
            Number(json, agreement.PercentAgreement);
            json.WritePropertyName("fleiss_kappa");
            Number(json, agreement.FleissKappa);
            json.WriteStartArray("pairwise");
            foreach (var pair in agreement.Pairwise)
            {
                json.WriteStartObject();
                json.WriteString("a", pair.ReaderA);
                json.WriteString("b", pair.ReaderB);
                json.WriteNumber("subjects", pair.Subjects);
                json.WritePropertyName("kappa");
                Number(json, pair.Kappa);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Markdown: the readers' mean ± sd per label, then agreement per label.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Readers against the {Reference}:");
        text.AppendLine();
        text.Append(ReaderComparison.ToMarkdown(Scores));
        text.AppendLine();
        text.AppendLine("| Label | Subjects read by all | Unanimous | Fleiss' κ | Cohen's κ (pairs: mean, range) |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var a in Agreement)
        {
            var kappas = a.Pairwise.Select(p => p.Kappa).Where(k => !double.IsNaN(k)).ToList();
            var pairwise = kappas.Count == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{kappas.Average():0.000} ({kappas.Min():0.000}–{kappas.Max():0.000})");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {a.Label} | {a.Subjects} | {Format(a.PercentAgreement, "0.0")} % | {Format(a.FleissKappa, "0.000")} | {pairwise} |");
        }

        return text.ToString();
    }

    private static string Format(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    private static void Number(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteNullValue();
    }
}
