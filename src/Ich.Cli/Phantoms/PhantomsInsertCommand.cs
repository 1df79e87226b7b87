using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ich.Phantoms;
using Ich.Phantoms.Insertion.Analysis;
using Ich.Phantoms.Insertion.Backgrounds;
using Ich.Phantoms.Insertion.Insertion;
using Ich.Phantoms.Insertion.Output;

namespace Ich.Cli.Phantoms;

/// <summary>
/// <c>ich phantoms insert --background &lt;folder|zip|.inv3&gt;... --out DIR [--studies N] [--seed S] [--subtypes ...]
/// [--prevalence P]</c>: writes synthetic, exactly labelled bleeds into real normal head CTs, each with a lesion-free
/// twin. Every background is analysed and either used or refused with its reason. Exit codes: 0 written, 1 every
/// background refused, 2 bad arguments or unreadable input.
/// </summary>
internal static class PhantomsInsertCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var background = new Option<string[]>("--background")
        {
            Description = "A normal non-contrast head CT: DICOM folder, file or .zip, or an InVesalius .inv3 project (repeatable).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (created if needed).", Required = true };
        var studies = new Option<int>("--studies") { Description = "Number of studies (twins not counted).", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Seed: the same seed gives the same bytes.", DefaultValueFactory = _ => 0 };
        var prevalence = new Option<double>("--prevalence") { Description = "Share of studies with hemorrhage (0-1).", DefaultValueFactory = _ => PhantomOptions.DefaultPrevalence };
        var subtypes = new Option<string[]>("--subtypes")
        {
            Description = "Subtypes to insert: epidural intraparenchymal intraventricular subarachnoid subdural (default all).",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("insert", "Write labelled synthetic bleeds (and lesion-free twins) into real normal head CTs.")
        {
            background, output, studies, seed, prevalence, subtypes,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            InsertionOptions options;
            int count;
            try
            {
                count = parseResult.GetValue(studies);
                if (count < 1) throw new ArgumentException($"--studies must be at least 1 (got {count}).");
                options = new InsertionOptions { Prevalence = parseResult.GetValue(prevalence), Subtypes = ParseSubtypes(parseResult.GetValue(subtypes)) };
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"error: {PhantomsGenerateCommand.FirstLine(e.Message)}");
                return 2;
            }

            var accepted = new List<HeadBackground>();
            foreach (var path in parseResult.GetValue(background) ?? [])
            {
                HeadVolume volume;
                try
                {
                    volume = BackgroundReader.Read(path);
                }
                catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"error: background {path}: {e.Message}");
                    return 2;
                }
                var analysis = HeadAnalyzer.Analyze(volume);
                if (analysis.Background is { } b)
                {
                    accepted.Add(b);
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"background {path}: accepted ({volume.Width}x{volume.Height}x{volume.Depth}, {volume.PixelSpacingMm:0.###} x {volume.SliceSpacingMm:0.##} mm, intracranial {b.IntracranialMl:0} ml, ventricles {b.VentricleMl:0} ml, noise {b.NoiseSdHu:0.0} HU)"));
                }
                else
                {
                    stdout.WriteLine($"background {path}: refused, {analysis.Refusal}");
                }
            }
            if (accepted.Count == 0)
            {
                stderr.WriteLine("error: every background was refused; nothing written.");
                return 1;
            }

            var clock = Stopwatch.StartNew();
            InsertedCohortSummary summary;
            var folder = parseResult.GetRequiredValue(output).FullName;
            try
            {
                summary = InsertedCohortWriter.Write(accepted, folder, count, parseResult.GetValue(seed), options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot write to {folder}: {e.Message}");
                return 2;
            }
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {summary.Studies} studies ({summary.Positive} with hemorrhage, each with a lesion-free twin; {summary.Slices} slices) to {folder} in {clock.Elapsed.TotalSeconds:0.0} s."));
            stdout.WriteLine("Labels: labels.csv (RSNA format), studies: studies.csv, masks: masks/*.nii.gz. Synthetic bleeds are not patients' bleeds.");
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<HemorrhageSubtype> ParseSubtypes(string[]? names)
    {
        if (names is null || names.Length == 0) return HemorrhageSubtypes.All;
        return [.. names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(n =>
        {
            var match = HemorrhageSubtypes.All.FirstOrDefault(s => string.Equals(s.RsnaName(), n, StringComparison.OrdinalIgnoreCase), (HemorrhageSubtype)(-1));
            if ((int)match < 0) throw new ArgumentException($"unknown subtype '{n}' (use {string.Join(", ", HemorrhageSubtypes.All.Select(s => s.RsnaName()))}).");
            return match;
        }).Distinct()];
    }
}
