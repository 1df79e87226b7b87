using Ich.Dicom.Pixels;
using Ich.Dicom.Series.Headers;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Volumes;

namespace Ich.Dicom.Series.Slices;

/// <summary>
/// Reads a collection of isolated slices (a folder tree, files or a .zip, as an <see cref="Upload"/> takes them):
/// each DICOM file on its own as one Hounsfield-unit image, without series grouping or selection rules. Pixels go
/// through the same conversion as volumes, <see cref="RescaleRepair"/> included. Files are read lazily, one at a
/// time, so a collection of hundreds of thousands of slices streams. Every file yields exactly one result: a slice,
/// or a <see cref="SkippedInput"/> with its reason (not DICOM, damaged, not an image, colour or multi-frame,
/// unreadable, or skipped by the Ingest stage) — nothing is dropped silently.
/// </summary>
public static class SliceCollection
{
    private const string DicomDirSopClassUid = "1.2.840.10008.1.3.10";

    /// <summary>
    /// Collects <paramref name="path"/> now and returns its files' results, read as they are enumerated (the upload
    /// stays open until the enumeration ends).
    /// </summary>
    /// <exception cref="IngestException">The path does not exist, or a limit of <paramref name="options"/> was exceeded.</exception>
    public static IEnumerable<SliceReadResult> Read(string path, IngestOptions? options = null)
    {
        var upload = Upload.Open(path, options);
        try
        {
            return Owning(upload, Results(upload, upload.Collect()));
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The results of what the Ingest stage collected from <paramref name="upload"/>: first its skipped entries, then
    /// one result per candidate in the Ingest order (ordinal by source name).
    /// </summary>
    public static IEnumerable<SliceReadResult> Read(Upload upload, IngestResult ingest)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(ingest);
        return Results(upload, ingest);
    }

    /// <summary>Reads one candidate file of <paramref name="upload"/> as a slice, or says why it is skipped.</summary>
    public static SliceReadResult ReadOne(Upload upload, InputItem item)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            using var bytes = upload.Rent(item.SourceName);
            return FromFile(item.SourceName, DicomReader.Read(bytes.Memory));
        }
        catch (NotDicomException e)
        {
            return Skip(item, SkipReason.NotDicom, $"not a DICOM file ({e.Message})");
        }
        catch (DicomException e)
        {
            return Skip(item, SkipReason.Corrupt, $"a DICOM file whose image cannot be read ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Skip(item, SkipReason.Unreadable, $"the file cannot be read ({e.GetType().Name})");
        }
    }

    private static IEnumerable<SliceReadResult> Results(Upload upload, IngestResult ingest)
    {
        foreach (var skipped in ingest.Skipped) yield return SliceReadResult.Skip(skipped);
        foreach (var item in ingest.Items) yield return ReadOne(upload, item);
    }

    private static IEnumerable<SliceReadResult> Owning(Upload upload, IEnumerable<SliceReadResult> results)
    {
        using (upload)
        {
            foreach (var result in results) yield return result;
        }
    }

    private static SliceReadResult FromFile(string sourceName, DicomFile file)
    {
        var dataset = file.Dataset;
        // RSNA-style files carry the SOP Class UID only in the file meta: look there first.
        var sopClass = file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID) ?? dataset.GetString(DicomTags.SOPClassUID);
        if (sopClass == DicomDirSopClassUid || !dataset.Contains(DicomTags.PixelData) || dataset.GetInt32(DicomTags.Rows) is null or <= 0)
        {
            return Skip(sourceName, SkipReason.NotAnImage, $"DICOM without an image (modality '{dataset.GetString(DicomTags.Modality)}')");
        }

        var frames = PixelFrames.Open(file);
        var format = frames.Format;
        if (format.SamplesPerPixel != 1)
        {
            return Skip(sourceName, SkipReason.UnsupportedImage, $"a colour image ({format.PhotometricInterpretation}): Hounsfield units need greyscale");
        }

        if (frames.FrameCount != 1)
        {
            return Skip(sourceName, SkipReason.UnsupportedImage, $"{frames.FrameCount} frames: one image per file is expected");
        }

        var hounsfield = new float[format.PixelCount];
        var repair = HounsfieldFrame.Decode(file, frames, hounsfield);
        return SliceReadResult.Read(new IsolatedSlice
        {
            SourceName = sourceName,
            SopInstanceUid = dataset.GetString(DicomTags.SOPInstanceUID) ?? "",
            StudyInstanceUid = dataset.GetString(DicomTags.StudyInstanceUID) ?? "",
            SeriesInstanceUid = dataset.GetString(DicomTags.SeriesInstanceUID) ?? "",
            Modality = (dataset.GetString(DicomTags.Modality) ?? "").Trim().ToUpperInvariant(),
            Rows = format.Rows,
            Columns = format.Columns,
            PixelSpacing = dataset.GetDoubles(DicomTags.PixelSpacing) is [var row, var column, ..] && row > 0 && column > 0
                ? new PixelSpacing(row, column)
                : null,
            Hounsfield = hounsfield,
            Warnings = repair.Warning is { } warning ? [warning] : [],
        });
    }

    private static SliceReadResult Skip(InputItem item, SkipReason reason, string detail) => Skip(item.SourceName, reason, detail);

    private static SliceReadResult Skip(string sourceName, SkipReason reason, string detail) =>
        SliceReadResult.Skip(new SkippedInput(sourceName, reason, detail));
}
