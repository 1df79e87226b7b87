using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ich.Dicom.Series.Inputs;
using Ich.Inference.Engine;
using Ich.Inference.Models;
using Ich.Pipeline.Runs;

namespace Ich.Cli.Analyze;

/// <summary>
/// <c>ich analyze &lt;folder|zip|files...&gt;</c>: the main job on the embedded default — read, select, normalize,
/// infer, explain and write every output, then print a findings table (or, with <c>--json</c>, one JSON object).
/// Exit 0 when every study was analysed, 1 when one was refused or failed, 2 on bad input (no path, no model).
/// </summary>
internal static class AnalyzeCommand
{
    /// <summary>The default model's folder, relative to the repository root.</summary>
    public const string DefaultModel = "models/ich-sli-lab";

    private static readonly JsonSerializerOptions CompactJson = new(AnalysisResults.Json) { WriteIndented = false };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Folders, DICOM files or .zip archives.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "analyze")) };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout." };
        var allStages = new Option<bool>("--all-stages") { Description = "Run the five-type stage even when the two-type stage is negative." };
        var model = new Option<DirectoryInfo?>("--model") { Description = $"Model folder (default: {DefaultModel} under the repository root)." };
        var command = new Command("analyze", "Detect intracranial hemorrhage in head CT studies (decision support, not a diagnosis).")
        {
            inputs, output, json, allStages, model,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(inputs), parseResult.GetRequiredValue(output), parseResult.GetValue(json),
            parseResult.GetValue(allStages), parseResult.GetValue(model),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] inputs, DirectoryInfo outFolder, bool json, bool allStages, DirectoryInfo? modelFolder, TextWriter output, TextWriter error)
    {
        var folder = modelFolder?.FullName ?? FindDefaultModel();
        if (folder is null || !File.Exists(Path.Combine(folder, ModelCard.FileName)))
        {
            error.WriteLine(folder is null
                ? $"error: no model folder: {DefaultModel} was not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; pass --model DIR."
                : $"error: {folder} is not a model folder (no {ModelCard.FileName}).");
            return 2;
        }

        AnalysisResults results;
        try
        {
            using var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = Math.Min(Environment.ProcessorCount, 4) }, line => error.WriteLine(line));
            results = AnalysisRun.Run(inputs, model, outFolder.FullName, allStages, line => error.WriteLine(line));
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"error: the model in {folder} cannot be used: {e.Message}");
            return 2;
        }
        catch (IngestException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }

        if (json) output.WriteLine(JsonSerializer.Serialize(results, CompactJson));
        else WriteTable(results, output);
        if (results.Studies.Count == 0) error.WriteLine("error: no DICOM image series found in the input.");
        return results.AllOk ? 0 : 1;
    }

    private static void WriteTable(AnalysisResults results, TextWriter output)
    {
        output.WriteLine("ich analyze — decision support, not a diagnosis.");
        foreach (var study in results.Studies)
        {
            foreach (var series in study.Series)
            {
                output.WriteLine();
                output.WriteLine($"study {study.StudyInstanceUid}, series {series.SeriesInstanceUid ?? "—"}: {series.Status}");
                if (series.Error is not null) output.WriteLine($"    error: {series.Error}");
                foreach (var warning in series.Warnings) output.WriteLine($"    warning: {warning}");
                if (!series.IsOk) continue;
                output.WriteLine($"    {"label",-18} {"probability",11}  result");
                foreach (var (label, finding) in series.Labels)
                {
                    var p = finding.Probability is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "not run";
                    output.WriteLine($"    {label,-18} {p,11}  {(finding.Probability is null ? "—" : finding.Positive ? "POSITIVE" : "negative")}");
                }

                var positive = series.Slices.Count(s => s.Probabilities[ModelLabels.Any] >= 0.5);
                output.WriteLine($"    {positive} of {series.Slices.Count} slices positive; {series.Heatmaps.Count} heatmaps");
                if (series.Outputs.TryGetValue("html", out var html)) output.WriteLine($"    report: {html}");
            }
        }
    }

    /// <summary>The default model folder: <see cref="DefaultModel"/> in the first ancestor of the current directory or the executable that has it.</summary>
    internal static string? FindDefaultModel() =>
        RepositoryFiles.FindUpwards(DefaultModel, candidate => File.Exists(Path.Combine(candidate, ModelCard.FileName)));
}
