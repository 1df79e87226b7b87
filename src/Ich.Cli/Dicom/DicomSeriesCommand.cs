using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;

namespace Ich.Cli.Dicom;

/// <summary>
/// <c>ich dicom series &lt;path&gt; [--json]</c>: the studies and series in a folder, file or .zip, which series the
/// pipeline would analyse and why the others not, the problems found, and the files skipped.
/// Exit codes: 0 a series was selected, 1 none could be, 2 bad input.
/// </summary>
internal static class DicomSeriesCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A folder (searched recursively), a DICOM file or a .zip archive." };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var command = new Command("series", "List studies and series, show which series would be analysed and why the others are not.")
        {
            path,
            json,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            ScanResult result;
            try
            {
                result = SeriesScanner.Scan(parseResult.GetRequiredValue(path));
            }
            catch (IngestException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }

            if (parseResult.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(ToJson(result), JsonOptions));
            else WriteText(result, output);
            return result.HasSelection ? 0 : 1;
        });
        return command;
    }

    private static void WriteText(ScanResult result, TextWriter output)
    {
        var images = result.Studies.Sum(s => s.Series.Sum(r => r.Series.InstanceCount));
        output.WriteLine($"Scanned {result.CandidateCount} file(s): {images} DICOM image(s) in {result.Studies.Count} study(ies), {result.Skipped.Count} skipped.");
        foreach (var study in result.Studies)
        {
            output.WriteLine();
            output.WriteLine($"Study {Or(study.StudyInstanceUid, "(no Study Instance UID)")}");
            foreach (var series in study.Series)
            {
                var s = series.Series;
                output.WriteLine($"  {(series.IsSelected ? "[selected]" : "[not selected]")} {s.Label}");
                output.WriteLine($"      {Or(s.Modality, "?")}, {s.InstanceCount} instance(s), thickness {Mm(s.SliceThickness)}, kernel {Or(s.ConvolutionKernel, "(none)")}");
                if (series.IsSelected && series.Assembly?.Geometry is { } g)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"      {g.Columns}×{g.Rows} pixels of {g.PixelSpacing}, {series.Assembly.Slices.Count} slices every {g.SliceSpacing:0.###} mm"));
                }

                if (series.NotSelectedReason is { } reason) output.WriteLine($"      {reason}");
                foreach (var problem in series.Assembly?.Problems ?? [])
                {
                    if (!series.IsSelected && problem.Severity == SeriesProblemSeverity.Fatal) continue; // already in the reason
                    output.WriteLine($"      {problem}");
                }
            }

            if (study.Selected is null) output.WriteLine("  No series of this study can be analysed.");
        }

        if (result.Skipped.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Skipped:");
            foreach (var skipped in result.Skipped) output.WriteLine($"  {skipped}");
        }
    }

    private static object ToJson(ScanResult result) => new
    {
        candidates = result.CandidateCount,
        selected = result.HasSelection,
        studies = result.Studies.Select(study => new
        {
            studyInstanceUid = study.StudyInstanceUid,
            selectedSeriesInstanceUid = study.Selected?.Series.SeriesInstanceUid,
            series = study.Series.Select(r => new
            {
                seriesInstanceUid = r.Series.SeriesInstanceUid,
                seriesNumber = r.Series.SeriesNumber,
                description = r.Series.Description,
                modality = r.Series.Modality,
                instances = r.Series.InstanceCount,
                sliceThickness = r.Series.SliceThickness,
                kernel = r.Series.ConvolutionKernel,
                kernelClass = r.Assessment.Kernel.ToString(),
                eligible = r.Assessment.IsEligible,
                selected = r.IsSelected,
                notSelectedReason = r.NotSelectedReason,
                geometry = r.Assembly?.Geometry is { } g
                    ? new
                    {
                        rows = g.Rows,
                        columns = g.Columns,
                        pixelSpacing = new[] { g.PixelSpacing.Row, g.PixelSpacing.Column },
                        sliceSpacing = g.SliceSpacing,
                        slices = r.Assembly.Slices.Count,
                        normal = new[] { g.Normal.X, g.Normal.Y, g.Normal.Z },
                        tiltDegrees = g.TiltDegrees,
                    }
                    : null,
                problems = (r.Assembly?.Problems ?? []).Select(p => new
                {
                    kind = p.Kind.ToString(),
                    severity = p.Severity.ToString(),
                    message = p.Message,
                }),
            }),
        }),
        skipped = result.Skipped.Select(s => new { source = s.SourceName, reason = s.Reason.ToString(), detail = s.Detail }),
    };

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    private static string Mm(double? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.###} mm") : "(not given)";
}
