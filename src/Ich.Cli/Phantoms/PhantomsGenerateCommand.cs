using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ich.Phantoms;
using Ich.Phantoms.Output;

namespace Ich.Cli.Phantoms;

/// <summary>
/// <c>ich phantoms generate --out DIR --studies N --seed S [--prevalence 0.65] [--transfer-syntax explicit]
/// [--matrix 512] [--slice-thickness MM] [--distractors] [--twins]</c>: writes a cohort of DICOM studies with <c>labels.csv</c>
/// (RSNA 2019 format) and <c>studies.csv</c>; with <c>--twins</c> each subject as a positive study and its lesion-free twin. Same arguments, same bytes. Exit codes: 0 written, 2 bad arguments or
/// the folder cannot be written.
/// </summary>
internal static class PhantomsGenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (created if needed).", Required = true };
        var studies = new Option<int>("--studies") { Description = "Number of studies.", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Cohort seed: the same seed gives the same bytes.", DefaultValueFactory = _ => 0 };
        var prevalence = new Option<double>("--prevalence") { Description = "Share of studies with hemorrhage (0-1).", DefaultValueFactory = _ => PhantomOptions.DefaultPrevalence };
        var syntax = new Option<string>("--transfer-syntax")
        {
            Description = $"Transfer syntax: {string.Join(", ", PhantomTransferSyntaxes.Names)}, or a UID.",
            DefaultValueFactory = _ => "explicit",
        };
        var matrix = new Option<int>("--matrix") { Description = "Rows = columns per slice (64-512, even).", DefaultValueFactory = _ => 512 };
        var thickness = new Option<float?>("--slice-thickness") { Description = "Slice thickness in mm (default: drawn from 2.5, 3, 4, 5)." };
        var distractors = new Option<bool>("--distractors") { Description = "Also write a localizer and a bone-kernel series per study." };
        var twins = new Option<bool>("--twins")
        {
            Description = "Write each subject twice, with hemorrhage and as its lesion-free twin (same anatomy, scanner and noise; folder suffix -twin).",
        };
        var command = new Command("generate", "Write a cohort of phantom head CT studies with RSNA-format labels.")
        {
            output, studies, seed, prevalence, syntax, matrix, thickness, distractors, twins,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            CohortRequest request;
            try
            {
                var count = parseResult.GetValue(studies);
                if (count < 1) throw new ArgumentException($"--studies must be at least 1 (got {count}).");
                request = new CohortRequest
                {
                    OutputFolder = parseResult.GetRequiredValue(output).FullName,
                    Studies = count,
                    Seed = parseResult.GetValue(seed),
                    Options = new PhantomOptions
                    {
                        Prevalence = parseResult.GetValue(prevalence),
                        Matrix = parseResult.GetValue(matrix),
                        SliceThicknessMm = parseResult.GetValue(thickness),
                    },
                    TransferSyntax = PhantomTransferSyntaxes.Parse(parseResult.GetValue(syntax) ?? "explicit"),
                    Distractors = parseResult.GetValue(distractors),
                    Twins = parseResult.GetValue(twins),
                };
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"error: {FirstLine(e.Message)}");
                return 2;
            }

            var clock = Stopwatch.StartNew();
            CohortSummary summary;
            try
            {
                summary = CohortWriter.Write(request);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot write to {request.OutputFolder}: {e.Message}");
                return 2;
            }
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {summary.Studies} studies ({summary.Positive} with hemorrhage, {summary.Slices} analysed slices, {summary.Files} DICOM files) to {request.OutputFolder} in {clock.Elapsed.TotalSeconds:0.0} s."));
            stdout.WriteLine($"Labels: {CohortWriter.LabelsFileName} (RSNA format), subjects and lesions: {CohortWriter.StudiesFileName}. Phantoms are not patients.");
            return 0;
        });
        return command;
    }

    /// <summary>The first line of an exception message (drops the "(Parameter …)" suffix).</summary>
    internal static string FirstLine(string message)
    {
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Split('\n')[0].Trim();
    }
}
