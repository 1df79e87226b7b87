using System.Text.Json;
using Ich.Pipeline.Explain;
using Ich.Pipeline.Infer;
using Ich.Pipeline.Runs;
using Ich.Pipeline.SelectSeries;

namespace Ich.Pipeline.Publish;

/// <summary>What Publish writes for one series.</summary>
/// <param name="Folder">Output folder, e.g. <c>OUT/&lt;study-uid&gt;/&lt;series-uid&gt;</c>.</param>
/// <param name="Selection">The analysed selection.</param>
/// <param name="Findings">Infer's findings.</param>
/// <param name="Explanation">Explain's images and warnings.</param>
/// <param name="Warnings">Warnings of the earlier stages.</param>
public sealed record PublishRequest(string Folder, SeriesSelection Selection, SeriesFindings Findings, ExplainOutput Explanation, IReadOnlyList<string> Warnings);

/// <summary>
/// Publish: writes an analysed series' outputs into one folder — <c>results.json</c>, the overlays (from Explain),
/// <c>montage.png</c>, a self-contained <c>report.html</c>, a DICOM Secondary Capture series of the overlays and a
/// DICOM SR of the findings (both in the source study, referencing its series), and a FHIR R4 DiagnosticReport.
/// Every output says it is decision support, not a diagnosis.
/// </summary>
public static class PublishOperator
{
    /// <summary>File names inside the series folder.</summary>
    public const string ResultsFile = "results.json", MontageFile = "montage.png", ReportFile = "report.html", FhirFile = "diagnostic-report.fhir.json", SrFile = "dicom/findings-sr.dcm";

    /// <summary>Writes the outputs and returns the series' result.</summary>
    public static SeriesResult Run(PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Directory.CreateDirectory(request.Folder);
        var warnings = request.Warnings.Concat(request.Explanation.Warnings).Distinct().ToList();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var montageSources = OnePerSlice(request.Explanation);
        if (montageSources.Count > 0)
        {
            var montage = Path.Combine(request.Folder, MontageFile);
            File.WriteAllBytes(montage, OverlayRenderer.Montage(montageSources.Take(24).Select(i => i.Path).ToArray()));
            outputs["montage"] = montage;
        }

        try
        {
            var dicom = DicomOutputs.Write(request);
            foreach (var (kind, path) in dicom) outputs[kind] = path;
        }
        catch (ArgumentException e)
        {
            // E.g. RSNA-style "ID_<hex>" UIDs: a DICOM object must not carry them, so none is written, and the result says so.
            warnings.Add($"no DICOM outputs: {e.Message}");
        }

        var fhir = Path.Combine(request.Folder, FhirFile);
        File.WriteAllText(fhir, FhirReport.Build(request));
        outputs["fhir"] = fhir;

        var html = Path.Combine(request.Folder, ReportFile);
        outputs["html"] = html;
        var result = new SeriesResult
        {
            SeriesInstanceUid = request.Selection.SeriesInstanceUid,
            Status = AnalysisResults.Ok,
            Warnings = warnings,
            Labels = request.Findings.Labels,
            Slices = request.Findings.Slices,
            Heatmaps = request.Explanation.Heatmaps.Select(h => h.Path).ToArray(),
            Outputs = outputs,
            Notice = request.Findings.Notice,
        };
        File.WriteAllText(html, HtmlReport.Build(request, result));
        var results = Path.Combine(request.Folder, ResultsFile);
        outputs["results"] = results;
        File.WriteAllText(results, JsonSerializer.Serialize(result, AnalysisResults.Json));
        return result;
    }

    /// <summary>Writes <c>results.json</c> for a series that could not be analysed, and returns its result.</summary>
    public static SeriesResult Failed(string folder, string? seriesInstanceUid, string error, IReadOnlyList<string> warnings)
    {
        var result = new SeriesResult { SeriesInstanceUid = seriesInstanceUid, Status = AnalysisResults.Failed, Error = error, Warnings = warnings };
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ResultsFile);
        result = result with { Outputs = new Dictionary<string, string> { ["results"] = path } };
        File.WriteAllText(path, JsonSerializer.Serialize(result, AnalysisResults.Json));
        return result;
    }

    /// <summary>One image per positive slice: its <c>any</c> overlay when there are heatmaps, else its plain brain-window image.</summary>
    public static IReadOnlyList<SliceImage> OnePerSlice(ExplainOutput explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var any = explanation.Heatmaps.Where(h => h.Label == Inference.Models.ModelLabels.Any).ToArray();
        return any.Length > 0 ? any : explanation.SliceImages;
    }

    /// <summary>A one-line summary of the findings ("ICH suspected: any 0.91, subdural 0.80" or "no ICH detected …").</summary>
    public static string Summary(SeriesFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var positive = findings.Labels.Where(l => l.Value.Positive).ToArray();
        var any = findings.Labels[Inference.Models.ModelLabels.Any].Probability;
        return positive.Length == 0
            ? $"No intracranial hemorrhage detected (p(any) = {any:0.00})."
            : "Intracranial hemorrhage suspected: " + string.Join(", ", positive.Select(l => $"{l.Key} {l.Value.Probability:0.00}")) + ".";
    }
}
