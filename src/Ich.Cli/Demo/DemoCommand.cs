using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ich.Dicom;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Volumes;
using Ich.Phantoms;
using Ich.Phantoms.Labels;
using Ich.Phantoms.Output;

namespace Ich.Cli.Demo;

/// <summary>
/// <c>ich demo</c>: the main job on the embedded default. Writes a phantom cohort as a hospital would upload it
/// (DICOM series with distractors), then runs the stages that exist — Ingest, Select series, Normalize into a
/// Hounsfield-unit volume — and checks every analysed slice against the generator's labels.
/// </summary>
internal static class DemoCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the uploads and the report.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")) };
        var studies = new Option<int>("--studies") { Description = "Number of phantom studies.", DefaultValueFactory = _ => 4 };
        var seed = new Option<long>("--seed") { Description = "Seed of the phantom cohort (same seed, same bytes).", DefaultValueFactory = _ => 2019 };
        var command = new Command("demo", "Run the pipeline's stages that exist on a phantom cohort (the README's main job).")
        {
            output, studies, seed,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(output), parseResult.GetValue(studies), parseResult.GetValue(seed),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(DirectoryInfo outFolder, int studyCount, long seed, TextWriter output, TextWriter error)
    {
        if (studyCount is < 1 or > 1000)
        {
            error.WriteLine("error: --studies must be between 1 and 1000.");
            return 2;
        }

        output.WriteLine("IchFunctions demo: phantom head CTs through Ingest → Select series → Normalize.");
        output.WriteLine("Phantoms are not patients; nothing here is a diagnosis.");
        output.WriteLine();

        var uploads = Path.Combine(outFolder.FullName, "uploads");
        var clock = Stopwatch.StartNew();
        var cohort = CohortWriter.Write(new CohortRequest { OutputFolder = uploads, Studies = studyCount, Seed = seed, Distractors = true });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {cohort.Studies} studies ({cohort.Positive} with hemorrhage), {cohort.Slices} CT slices, {cohort.Files} files in {uploads} ({clock.Elapsed.TotalSeconds:0.0} s)."));
        var labels = RsnaLabelFile.Read(Path.Combine(uploads, CohortWriter.LabelsFileName));

        var results = new List<DemoStudyResult>();
        for (var i = 0; i < studyCount; i++)
        {
            var folder = Path.Combine(uploads, CohortWriter.FolderName(i));
            var result = AnalyseStudy(folder, labels);
            results.Add(result);
            WriteStudy(result, output);
        }

        var reportPath = Path.Combine(outFolder.FullName, "report.json");
        File.WriteAllText(reportPath, JsonSerializer.Serialize(results, JsonOptions));
        output.WriteLine();
        output.WriteLine($"Report: {reportPath}");
        output.WriteLine("Inference: no trained model in models/ yet (the model issues add it), so no ICH probability is reported.");

        var failed = results.Count(r => r.Failure is not null);
        if (failed > 0) error.WriteLine($"error: {failed} of {results.Count} studies could not be analysed (see above).");
        return failed == 0 ? 0 : 1;
    }

    private static DemoStudyResult AnalyseStudy(string folder, IReadOnlyDictionary<string, SliceLabelSet> labels)
    {
        var name = Path.GetFileName(folder);
        var clock = Stopwatch.StartNew();
        ScanResult scan;
        using var upload = Upload.Open(folder);
        try
        {
            scan = SeriesScanner.Scan(upload);
        }
        catch (IngestException e)
        {
            return DemoStudyResult.Failed(name, $"ingest failed: {e.Message}");
        }

        var series = scan.Studies.SelectMany(s => s.Series).ToArray();
        var notSelected = series.Where(s => !s.IsSelected)
            .Select(s => $"{s.Series.Label}: {s.NotSelectedReason}").ToArray();
        var selected = scan.Studies.Select(s => s.Selected).OfType<Ich.Dicom.Series.Assembly.SeriesAssembly>().ToArray();
        if (selected.Length != 1)
            return DemoStudyResult.Failed(name, $"expected one analysable series, found {selected.Length}", notSelected);

        CtVolume volume;
        try
        {
            volume = CtVolumeBuilder.Build(selected[0], upload);
        }
        catch (Exception e) when (e is VolumeBuildException or DicomException)
        {
            return DemoStudyResult.Failed(name, $"volume could not be built: {e.Message}", notSelected);
        }

        // Every analysed slice must carry the generator's labels: a slice without them would mean the wrong series
        // was chosen or a slice was lost on the way.
        var sliceLabels = new List<string>(volume.Depth);
        foreach (var uid in volume.SopInstanceUids)
        {
            if (!labels.TryGetValue(uid, out var label))
                return DemoStudyResult.Failed(name, $"slice {uid} of the selected series has no label", notSelected);
            sliceLabels.Add(label.ToString());
        }

        var selectedReport = series.Single(s => s.IsSelected);
        return new DemoStudyResult(
            name, null, selectedReport.Series.Label, volume.Width, volume.Height, volume.Depth,
            volume.PixelSpacing.ToString(), Math.Round(volume.SliceSpacing, 3),
            volume.Problems.Select(p => p.ToString()).ToArray(), notSelected,
            sliceLabels.Count(l => l != "none"), sliceLabels, Math.Round(clock.Elapsed.TotalSeconds, 3));
    }

    private static void WriteStudy(DemoStudyResult r, TextWriter output)
    {
        output.WriteLine();
        if (r.Failure is not null)
        {
            output.WriteLine($"{r.Study}: FAILED — {r.Failure}");
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Study}: selected {r.SelectedSeries}: {r.Width}×{r.Height}×{r.Depth} HU volume, pixels {r.PixelSpacing}, slices every {r.SliceSpacingMm} mm ({r.Seconds:0.00} s)"));
        foreach (var other in r.NotSelected) output.WriteLine($"    not selected: {other}");
        foreach (var problem in r.Problems) output.WriteLine($"    {problem}");
        var positives = r.SliceLabels.Select((label, index) => (label, index)).Where(x => x.label != "none").ToArray();
        output.WriteLine(positives.Length == 0
            ? "    labels: no slice with hemorrhage (all slices labelled)"
            : $"    labels: {positives.Length} of {r.Depth} slices with hemorrhage, slices {positives[0].index}–{positives[^1].index}: " +
              string.Join(", ", positives.Select(p => p.label).Distinct()));
    }
}

/// <summary>What the demo found for one study; serialised into <c>report.json</c>.</summary>
internal sealed record DemoStudyResult(
    string Study, string? Failure, string? SelectedSeries, int Width, int Height, int Depth, string? PixelSpacing,
    double SliceSpacingMm, IReadOnlyList<string> Problems, IReadOnlyList<string> NotSelected, int PositiveSlices,
    IReadOnlyList<string> SliceLabels, double Seconds)
{
    public static DemoStudyResult Failed(string study, string failure, IReadOnlyList<string>? notSelected = null) =>
        new(study, failure, null, 0, 0, 0, null, 0, [], notSelected ?? [], 0, [], 0);
}
