using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ich.Dicom;

namespace Ich.Cli.Dicom;

/// <summary>
/// <c>ich dicom info &lt;file&gt; [--json] [--show-phi] [--all]</c>: what a DICOM file is (transfer syntax, SOP class,
/// modality, image geometry and pixel encoding, rescale, UIDs) as this project's reader sees it. Patient name and ID
/// print as "&lt;hidden&gt;" unless --show-phi is given. Exit codes: 0 read, 2 not readable (one-line error).
/// </summary>
internal static class DicomInfoCommand
{
    private const string Hidden = "<hidden>";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The DICOM file (Part 10, or a bare dataset)." };
        var json = new Option<bool>("--json") { Description = "Write the summary as JSON." };
        var showPhi = new Option<bool>("--show-phi") { Description = "Show patient name and ID (hidden by default)." };
        var all = new Option<bool>("--all") { Description = "Also list every element (dcmdump-like; identifying values hidden unless --show-phi)." };
        var command = new Command("info", "Summarise one DICOM file: transfer syntax, SOP class, image geometry, pixel encoding, UIDs.")
        {
            file,
            json,
            showPhi,
            all,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetRequiredValue(file);
            DicomFile dicom;
            try
            {
                dicom = DicomReader.Read(path.FullName);
            }
            catch (Exception e) when (e is DicomException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: {path.Name}: {e.Message}");
                return 2;
            }

            var summary = Summarise(dicom, parseResult.GetValue(showPhi));
            var dump = parseResult.GetValue(all) ? DicomDump.Format(dicom.Dataset, parseResult.GetValue(showPhi)) : null;
            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(dump is null ? summary : summary with { Dump = dump.Split('\n', StringSplitOptions.RemoveEmptyEntries) }, JsonOptions));
            }
            else
            {
                WriteText(path, summary, output);
                if (dump is not null) output.Write(dump);
            }
            return 0;
        });
        return command;
    }

    /// <summary>The facts the command reports, in the shape of its JSON output.</summary>
    internal sealed record Summary(
        string TransferSyntaxUid,
        string TransferSyntaxName,
        string? SopClassUid,
        string? Modality,
        string PatientName,
        string PatientId,
        int? Rows,
        int? Columns,
        int? Frames,
        int? SamplesPerPixel,
        int? BitsAllocated,
        int? BitsStored,
        int? HighBit,
        int? PixelRepresentation,
        string? PhotometricInterpretation,
        double? RescaleSlope,
        double? RescaleIntercept,
        string? StudyInstanceUid,
        string? SeriesInstanceUid,
        string? SopInstanceUid,
        string? SeriesDescription,
        bool HasPixelData,
        bool PixelDataEncapsulated,
        int ElementCount,
        int ElementCountWithItems,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Problems = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Dump = null);

    private static Summary Summarise(DicomFile file, bool showPhi)
    {
        var ds = file.Dataset;
        var problems = new List<string>();

        // One unreadable value (e.g. IS "1A") is reported, not fatal: the rest of the summary is still useful.
        T? Safe<T>(Func<T?> read, DicomTag tag)
        {
            try
            {
                return read();
            }
            catch (DicomValueException e)
            {
                problems.Add(e.Message);
                return default;
            }
        }

        string? Text(DicomTag tag) => Safe(() => ds.GetString(tag), tag);
        int? Int(DicomTag tag) => Safe(() => ds.GetInt32(tag), tag);
        double? Number(DicomTag tag) => Safe(() => ds.GetDouble(tag), tag);

        ds.TryGet(DicomTags.PixelData, out var pixels);
        return new Summary(
            file.TransferSyntax.Uid,
            file.TransferSyntax.Name,
            Text(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID),
            Text(DicomTags.Modality),
            showPhi ? Text(DicomTags.PatientName) ?? string.Empty : Hidden,
            showPhi ? Text(DicomTags.PatientID) ?? string.Empty : Hidden,
            Int(DicomTags.Rows),
            Int(DicomTags.Columns),
            ds.Contains(DicomTags.NumberOfFrames) ? Int(DicomTags.NumberOfFrames) : 1,
            Int(DicomTags.SamplesPerPixel),
            Int(DicomTags.BitsAllocated),
            Int(DicomTags.BitsStored),
            Int(DicomTags.HighBit),
            Int(DicomTags.PixelRepresentation),
            Text(DicomTags.PhotometricInterpretation),
            Number(DicomTags.RescaleSlope),
            Number(DicomTags.RescaleIntercept),
            Text(DicomTags.StudyInstanceUID),
            Text(DicomTags.SeriesInstanceUID),
            Text(DicomTags.SOPInstanceUID),
            Text(DicomTags.SeriesDescription),
            pixels is not null,
            pixels?.IsEncapsulated ?? false,
            ds.Count,
            CountWithItems(ds),
            problems.Count > 0 ? problems : null);
    }

    private static int CountWithItems(DicomDataset dataset) =>
        dataset.Sum(e => 1 + (e.Items?.Sum(CountWithItems) ?? 0));

    private static void WriteText(FileInfo path, Summary s, TextWriter output)
    {
        static string Show(object? value) => value switch
        {
            null => "-",
            double d => d.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "-",
        };

        output.WriteLine($"File:               {path.Name}");
        output.WriteLine($"Transfer syntax:    {s.TransferSyntaxUid} ({s.TransferSyntaxName})");
        output.WriteLine($"SOP class:          {Show(s.SopClassUid)}");
        output.WriteLine($"Modality:           {Show(s.Modality)}");
        output.WriteLine($"Patient name:       {s.PatientName}");
        output.WriteLine($"Patient ID:         {s.PatientId}");
        output.WriteLine($"Rows x columns:     {Show(s.Rows)} x {Show(s.Columns)}");
        output.WriteLine($"Frames:             {Show(s.Frames)}");
        output.WriteLine($"Samples per pixel:  {Show(s.SamplesPerPixel)}");
        output.WriteLine($"Bits:               allocated {Show(s.BitsAllocated)}, stored {Show(s.BitsStored)}, high bit {Show(s.HighBit)}, {(s.PixelRepresentation == 1 ? "signed" : "unsigned")}");
        output.WriteLine($"Photometric:        {Show(s.PhotometricInterpretation)}");
        output.WriteLine($"Rescale:            slope {Show(s.RescaleSlope)}, intercept {Show(s.RescaleIntercept)}");
        output.WriteLine($"Study UID:          {Show(s.StudyInstanceUid)}");
        output.WriteLine($"Series UID:         {Show(s.SeriesInstanceUid)}");
        output.WriteLine($"SOP instance UID:   {Show(s.SopInstanceUid)}");
        output.WriteLine($"Series description: {Show(s.SeriesDescription)}");
        output.WriteLine($"Pixel data:         {(s.HasPixelData ? s.PixelDataEncapsulated ? "encapsulated (compressed)" : "native" : "none")}");
        output.WriteLine($"Elements:           {s.ElementCount} ({s.ElementCountWithItems} including sequence items)");
        foreach (var problem in s.Problems ?? []) output.WriteLine($"Problem:            {problem}");
    }
}
