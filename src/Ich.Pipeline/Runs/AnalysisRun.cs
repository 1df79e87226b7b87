using Ich.Inference.Engine;
using Ich.Pipeline.Explain;
using Ich.Pipeline.Infer;
using Ich.Pipeline.Ingest;
using Ich.Pipeline.Normalize;
using Ich.Pipeline.Publish;
using Ich.Pipeline.SelectSeries;

namespace Ich.Pipeline.Runs;

/// <summary>
/// The chain of operators for one upload, on the embedded default (no Azure, no server): Ingest → Select series →
/// Normalize → Infer → Explain → Publish, one study at a time so only one volume is in memory. A study that cannot be
/// analysed is a failed result with its reason, never a negative.
/// </summary>
public static class AnalysisRun
{
    /// <summary>Analyses <paramref name="paths"/> with <paramref name="model"/>, writing every series' outputs under <paramref name="outFolder"/>.</summary>
    /// <param name="paths">Folders, files or .zip archives.</param>
    /// <param name="model">The served model.</param>
    /// <param name="outFolder">Outputs go to <c>outFolder/&lt;study-uid&gt;/&lt;series-uid&gt;/</c>.</param>
    /// <param name="allStages">Run the five-type stage even when the two-type stage is negative.</param>
    /// <param name="progress">Receives one line per step of long work.</param>
    /// <exception cref="Dicom.Series.Inputs.IngestException">A path does not exist or a limit was exceeded.</exception>
    public static AnalysisResults Run(IReadOnlyList<string> paths, OnnxIchModel model, string outFolder, bool allStages = false, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        progress?.Invoke($"ingest: reading {string.Join(", ", paths)}");
        var request = new IngestRequest(paths);
        using var upload = request.Open();
        var ingest = IngestOperator.Run(request, upload);
        var selections = SelectSeriesOperator.Run(ingest, upload);
        var studies = new List<StudyResult>();
        for (var i = 0; i < selections.Count; i++)
        {
            var selection = selections[i];
            progress?.Invoke($"study {i + 1}/{selections.Count}: {selection.StudyInstanceUid}");
            studies.Add(new StudyResult(selection.StudyInstanceUid, [AnalyseSeries(selection, upload, model, outFolder, allStages, progress)]));
        }

        return new AnalysisResults(studies);
    }

    private static SeriesResult AnalyseSeries(SeriesSelection selection, Dicom.Series.Inputs.Upload upload, OnnxIchModel model, string outFolder, bool allStages, Action<string>? progress)
    {
        var folder = Path.Combine(outFolder, SafeName(selection.StudyInstanceUid), SafeName(selection.SeriesInstanceUid ?? "no-series"));
        NormalizedSeries series;
        try
        {
            progress?.Invoke($"  normalize: {selection.Instances.Count} slices");
            series = NormalizeOperator.Run(selection, upload);
        }
        catch (SeriesRefusedException e)
        {
            return PublishOperator.Failed(folder, selection.SeriesInstanceUid, e.Message, selection.Warnings);
        }

        progress?.Invoke("  infer");
        var inference = InferOperator.Run(series, model, allStages);
        progress?.Invoke("  explain");
        var explanation = ExplainOperator.Run(series, inference, folder);
        progress?.Invoke("  publish");
        return PublishOperator.Run(new PublishRequest(folder, selection, inference.Findings, explanation, selection.Warnings));
    }

    /// <summary>A UID (or <c>ID_&lt;hex&gt;</c>) as a folder name: characters a file system refuses become '_'.</summary>
    public static string SafeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(name.Select(c => invalid.Contains(c) || c == ' ' ? '_' : c).ToArray());
        return safe.Length == 0 || safe is "." or ".." ? "unnamed" : safe;
    }
}
