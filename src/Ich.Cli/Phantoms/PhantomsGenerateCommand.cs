using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ich.Phantoms;
using Ich.Phantoms.Output;

namespace Ich.Cli.Phantoms;

/// <summary>
/// <c>ich phantoms generate --out DIR --studies N --seed S [--prevalence 0.65] [--transfer-syntax explicit]
/// [--matrix 512 | --vary-matrix] [--slice-thickness MM] [--pixel-spacing MM] [--gantry-tilt DEG] [--calibration-offset HU]
/// [--grey-white-contrast F] [--noise-sd HU] [--kernel smooth|standard|0-1] [--distractors] [--twins]</c>: writes a cohort of DICOM studies with <c>labels.csv</c>
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
        var varyMatrix = new Option<bool>("--vary-matrix") { Description = "Draw each study's matrix: 512 (70 %) or 256 (30 %); overrides --matrix." };
        var thickness = new Option<float?>("--slice-thickness")
        {
            Description = "Slice thickness in mm, 0.6-5 (default: drawn, 5 mm 45 %, 4 and 3 mm 10 % each, 2.5 mm 15 %, 1.25 and 1 mm 5 % each, 0.625 mm 10 %).",
        };
        var pixelSpacing = new Option<float?>("--pixel-spacing")
        {
            Description = "In-plane pixel spacing in mm, 0.2-4 (default: a 205-256 mm field of view, so 0.4-0.5 mm at 512, 0.8-1 mm at 256).",
        };
        var gantryTilt = new Option<float?>("--gantry-tilt")
        {
            Description = "Gantry/Detector Tilt in degrees, -30 to 30; negative raises the slices' anterior edge (default: 0 for 75 % of studies, else 5-30, 70 % negative).",
        };
        var calibration = new Option<float?>("--calibration-offset")
        {
            Description = "Scanner calibration error in HU, -30 to 30: water reads this much off, air stays -1000 (default: drawn -6 to 6).",
        };
        var contrast = new Option<float?>("--grey-white-contrast") { Description = "Factor on the grey-white matter difference, 0.5-1.5 (default: drawn 0.8-1.2)." };
        var noise = new Option<float?>("--noise-sd")
        {
            Description = "Quantum noise SD in brain at 5 mm in HU, 0-30; thinner slices get sqrt(5/thickness) times more (default: drawn 2.5-7.5).",
        };
        var kernel = new Option<string?>("--kernel")
        {
            Description = "Reconstruction kernel: smooth, standard, or a sharpness from 0 (smooth) to 1 (standard) (default: drawn 0-1).",
        };
        var distractors = new Option<bool>("--distractors") { Description = "Also write a localizer and a bone-kernel series per study." };
        var twins = new Option<bool>("--twins")
        {
            Description = "Write each subject twice, with hemorrhage and as its lesion-free twin (same anatomy, scanner and noise; folder suffix -twin).",
        };
        var command = new Command("generate", "Write a cohort of phantom head CT studies with RSNA-format labels.")
        {
            output, studies, seed, prevalence, syntax, matrix, varyMatrix, thickness, pixelSpacing, gantryTilt, calibration, contrast, noise, kernel,
            distractors, twins,
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
                        VaryMatrix = parseResult.GetValue(varyMatrix),
                        SliceThicknessMm = Thickness(parseResult.GetValue(thickness)),
                        PixelSpacingMm = parseResult.GetValue(pixelSpacing),
                        GantryTiltDegrees = parseResult.GetValue(gantryTilt),
                        CalibrationOffsetHu = parseResult.GetValue(calibration),
                        GreyWhiteContrast = parseResult.GetValue(contrast),
                        NoiseSdAt5MmHu = parseResult.GetValue(noise),
                        KernelSharpness = KernelSharpness(parseResult.GetValue(kernel)),
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

    /// <summary>The slice thickness flag, checked against the 0.6–5 mm the generator's defaults cover.</summary>
    private static float? Thickness(float? value) =>
        value is { } v && !(v >= 0.6f && v <= 5f)
            ? throw new ArgumentException($"--slice-thickness must lie between 0.6 and 5 mm (got {v.ToString(CultureInfo.InvariantCulture)}).")
            : value;

    /// <summary>Parses <c>--kernel</c>: smooth (0), standard (1) or a number from 0 to 1.</summary>
    internal static float? KernelSharpness(string? value)
    {
        if (value is null) return null;
        if (value.Equals("smooth", StringComparison.OrdinalIgnoreCase)) return 0f;
        if (value.Equals("standard", StringComparison.OrdinalIgnoreCase)) return 1f;
        if (float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var k) && k >= 0f && k <= 1f) return k;
        throw new ArgumentException($"--kernel must be smooth, standard or a sharpness from 0 to 1 (got '{value}').");
    }

    /// <summary>The first line of an exception message (drops the "(Parameter …)" suffix).</summary>
    internal static string FirstLine(string message)
    {
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Split('\n')[0].Trim();
    }
}
