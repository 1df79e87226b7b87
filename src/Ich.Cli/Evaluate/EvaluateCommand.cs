using System.CommandLine;
using Ich.Cli.Analyze;
using Ich.Datasets.Labelled;
using Ich.Dicom;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Slices;
using Ich.Dicom.Series.Volumes;
using Ich.Evaluation.Plots;
using Ich.Evaluation.Readers;
using Ich.Evaluation.Reports;
using Ich.Inference.Engine;
using Ich.Inference.Evaluation;
using Ich.Phantoms.Labels;
using Ich.Preprocessing;

namespace Ich.Cli.Evaluate;

/// <summary>
/// <c>ich evaluate</c>: runs a served model (ONNX Runtime, CPU) end to end on labelled DICOM and scores it as
/// Ye et al. 2019 do — subject and slice level, every label at threshold 0.5, with bootstrap intervals; subtypes
/// with the two-stage workflow applied. Subject labels come from the slice labels (a study is positive for a label
/// when any of its slices is; studies grouped by Study Instance UID).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder (or .zip) of DICOM files.", Required = true };
        var labels = new Option<FileInfo>("--labels") { Description = "Slice labels in the RSNA 2019 format (ID,Label).", Required = true };
        var model = new Option<DirectoryInfo?>("--model") { Description = $"Model folder (default: {AnalyzeCommand.DefaultModel})." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Also write report.json, report.md and ROC curves (PNG) here." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the tables." };
        var slices = new Option<bool>("--slices") { Description = "Isolated slices: score each file on its own as a one-slice sequence (no series rules; slice figures only)." };
        var readers = new Option<FileInfo?>("--readers") { Description = "Human reads of the same studies (CSV reader,subject,label,value; subject = Study Instance UID), scored against the same labels beside the model." };
        var predictions = new Option<FileInfo?>("--predictions") { Description = "Also write every prediction as CSV (a row per subject and per slice: truth and the model's probability for each label, before the two-stage gating), for error analysis." };
        var command = new Command("evaluate", "Evaluate a model on labelled DICOM (metrics as in Ye et al. 2019).") { data, labels, model, output, json, slices, readers, predictions };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(data), parse.GetRequiredValue(labels), parse.GetValue(model), parse.GetValue(output), parse.GetValue(json), parse.GetValue(slices),
            parse.GetValue(readers), parse.GetValue(predictions), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string data, FileInfo labelFile, DirectoryInfo? modelFolder, DirectoryInfo? outFolder, bool json, bool isolated, FileInfo? readersFile,
        FileInfo? predictionsFile, TextWriter output, TextWriter error)
    {
        if (readersFile is not null && isolated)
        {
            error.WriteLine("error: --readers scores subjects (studies); --slices has none.");
            return 2;
        }

        var folder = modelFolder?.FullName ?? AnalyzeCommand.FindDefaultModel();
        if (folder is null)
        {
            error.WriteLine($"error: no model folder given and none found at {AnalyzeCommand.DefaultModel}.");
            return 2;
        }

        RsnaLabels labels;
        OnnxIchModel model;
        ReaderReads? reads = null;
        StreamWriter? predictions = null;
        try
        {
            labels = RsnaLabelFile.Read(labelFile.FullName);
            if (readersFile is not null) reads = ReaderReads.Load(readersFile.FullName);
            if (predictionsFile is not null) predictions = OpenPredictions(predictionsFile);
            model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false }, line => error.WriteLine(line));
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidDataException or UnauthorizedAccessException)
        {
            predictions?.Dispose();
            error.WriteLine($"error: {e.Message}");
            return 2;
        }

        using (model)
        using (predictions)
        {
            var problems = new List<string>();
            IEnumerable<LabelledVolume> series;
            try
            {
                var truth = new SubjectTruth();
                series = isolated ? IsolatedSlices(data, labels, problems, error) : truth.Record(Studies(data, labels, problems, error));
                var done = 0;
                var report = ModelEvaluator.Evaluate(model, series, _ => { if (++done % 10 == 0) error.Write($"\r  {done} {(isolated ? "slices" : "studies")} scored"); },
                    includeSubjectLevel: !isolated, predictions: predictions);
                error.WriteLine();
                foreach (var problem in problems) error.WriteLine($"not scored: {problem}");
                if (report.Slice.Count == 0 || report.Slice[0].Metrics.Counts.Total == 0)
                {
                    error.WriteLine("error: nothing could be scored (see above).");
                    return 1;
                }

                ReaderReport? readerReport = null;
                if (reads is not null)
                {
                    try
                    {
                        readerReport = ReaderReport.Against(reads, truth.Reference(), "labels of the evaluated studies (subject level)");
                    }
                    catch (ArgumentException e)
                    {
                        error.WriteLine($"error: --readers: {e.Message}");
                        return 2;
                    }
                }

                if (outFolder is not null) WriteReports(outFolder.FullName, report, model.Card.Name, isolated, readerReport);
                output.WriteLine(json ? CombinedJson(report, readerReport) : Markdown(report, model.Card.LabelMode ?? model.Card.Name, readerReport));
                return problems.Count == 0 ? 0 : 1;
            }
            catch (IngestException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
        }
    }

    private static StreamWriter OpenPredictions(FileInfo file)
    {
        if (file.DirectoryName is { } directory) Directory.CreateDirectory(directory);
        return new StreamWriter(file.FullName, append: false);
    }

    private static IEnumerable<LabelledVolume> Studies(string data, RsnaLabels labels, List<string> problems, TextWriter error)
    {
        // The same reader `ich train --data` uses, so a model is scored on exactly what it would be trained on.
        using var set = LabelledDicomSet.Open(data, labels);
        // Files that are not DICOM (the label file itself, notes) are listed but do not fail the run; studies and
        // slices that cannot be scored do.
        foreach (var skipped in set.Skipped) error.WriteLine($"skipped: {skipped.SourceName}: {skipped.Reason}");
        problems.AddRange(set.Problems);
        for (var i = 0; i < set.Studies.Count; i++)
        {
            LabelledStudy study;
            try
            {
                study = set.Load(i);
            }
            catch (Exception e) when (e is VolumeBuildException or DicomException)
            {
                problems.Add($"study {set.Studies[i].StudyInstanceUid}: {e.Message}");
                continue;
            }

            yield return new LabelledVolume(study.StudyInstanceUid, study.Volume, [.. study.SliceLabels.Select(l => l.PositiveSubtypeNames())]);
        }
    }

    private static IEnumerable<LabelledVolume> IsolatedSlices(string data, RsnaLabels labels, List<string> problems, TextWriter error)
    {
        foreach (var result in SliceCollection.Read(data))
        {
            if (result.Slice is not { } slice)
            {
                if (result.Skipped!.Reason == SkipReason.NotDicom) error.WriteLine($"skipped: {result.Skipped.SourceName}: {result.Skipped.Reason}");
                else problems.Add($"{result.Skipped.SourceName}: {result.Skipped.Reason}");
                continue;
            }

            if (!labels.TryGetValue(slice.SopInstanceUid, out var set))
            {
                problems.Add($"{slice.SourceName}: no label row for its SOP Instance UID");
                continue;
            }

            if (slice.PixelSpacing is not { } spacing)
            {
                problems.Add($"{slice.SourceName}: no Pixel Spacing, so the head's size in millimetres is unknown");
                continue;
            }

            var volume = new HuVolume(slice.Columns, slice.Rows, slice.Hounsfield, spacing.Row, spacing.Column, [0.0]);
            yield return new LabelledVolume(slice.SopInstanceUid, volume, [set.PositiveSubtypeNames()]);
        }
    }

    private static string CombinedJson(EvaluationReport report, ReaderReport? readers)
    {
        if (readers is null) return report.ToJson();
        var combined = System.Text.Json.Nodes.JsonNode.Parse(report.ToJson())!.AsObject();
        combined["readers"] = System.Text.Json.Nodes.JsonNode.Parse(readers.ToJson());
        return combined.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static string Markdown(EvaluationReport report, string modelName, ReaderReport? readers) =>
        readers is null ? MarkdownReport.Table3(report, modelName) : MarkdownReport.Table3(report, modelName) + "\n" + readers.ToMarkdown();

    private static void WriteReports(string folder, EvaluationReport report, string modelName, bool isolated, ReaderReport? readers)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), CombinedJson(report, readers));
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(report, modelName, readers));
        if (!isolated) RocPlot.SavePng(Path.Combine(folder, "roc-subject.png"), report.Subject, $"{modelName}: subject level");
        RocPlot.SavePng(Path.Combine(folder, "roc-slice.png"), report.Slice, $"{modelName}: slice level");
    }
}
