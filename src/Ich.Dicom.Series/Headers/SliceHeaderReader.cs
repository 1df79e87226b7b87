using Ich.Dicom.Series.Geometry;
using Ich.Dicom.Series.Inputs;

namespace Ich.Dicom.Series.Headers;

/// <summary>Reads the header of one candidate file (no pixel data) into a <see cref="SliceHeader"/>, or says why it is skipped.</summary>
public static class SliceHeaderReader
{
    private const string DicomDirSopClassUid = "1.2.840.10008.1.3.10";

    /// <summary>Reads the header of <paramref name="item"/> from <paramref name="upload"/> (only a prefix of it).</summary>
    /// <returns>The header, or the reason the item is skipped (never both, never neither).</returns>
    /// <exception cref="IngestLimitException">An archive entry inflates past the compression-ratio limit.</exception>
    public static (SliceHeader? Header, SkippedInput? Skipped) Read(Upload upload, InputItem item)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            return FromFile(item, upload.ReadHeader(item.SourceName));
        }
        catch (NotDicomException e)
        {
            return (null, new SkippedInput(item.SourceName, SkipReason.NotDicom, $"not a DICOM file ({e.Message})"));
        }
        catch (DicomException e)
        {
            return (null, new SkippedInput(item.SourceName, SkipReason.Corrupt, $"a damaged DICOM file ({e.Message})"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new SkippedInput(item.SourceName, SkipReason.Unreadable, $"the file cannot be read ({e.GetType().Name})"));
        }
    }

    private static (SliceHeader?, SkippedInput?) FromFile(InputItem item, DicomFile file)
    {
        var dataset = file.Dataset;
        var sopClass = file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID) ?? dataset.GetString(DicomTags.SOPClassUID);
        if (sopClass == DicomDirSopClassUid)
        {
            return (null, new SkippedInput(item.SourceName, SkipReason.NotAnImage, "a DICOMDIR index, not an image"));
        }

        var rows = dataset.GetInt32(DicomTags.Rows);
        var columns = dataset.GetInt32(DicomTags.Columns);
        if (rows is null or <= 0 || columns is null or <= 0)
        {
            var modality = dataset.GetString(DicomTags.Modality);
            return (null, new SkippedInput(item.SourceName, SkipReason.NotAnImage,
                $"DICOM without Rows/Columns (modality '{modality}'): not an image"));
        }

        var seriesUid = dataset.GetString(DicomTags.SeriesInstanceUID);
        if (string.IsNullOrEmpty(seriesUid))
        {
            return (null, new SkippedInput(item.SourceName, SkipReason.Corrupt, "an image without a Series Instance UID cannot be grouped"));
        }

        var header = new SliceHeader
        {
            Source = item.SourceName,
            StudyInstanceUid = dataset.GetString(DicomTags.StudyInstanceUID) ?? "",
            SeriesInstanceUid = seriesUid,
            SopInstanceUid = dataset.GetString(DicomTags.SOPInstanceUID) ?? "",
            PatientId = dataset.GetString(DicomTags.PatientID) is { Length: > 0 } patient ? patient : null,
            Modality = (dataset.GetString(DicomTags.Modality) ?? "").ToUpperInvariant(),
            ImageType = dataset.GetStrings(DicomTags.ImageType).Select(v => v.Trim().ToUpperInvariant()).ToArray(),
            SeriesNumber = dataset.GetInt32(DicomTags.SeriesNumber),
            SeriesDescription = dataset.GetString(DicomTags.SeriesDescription),
            InstanceNumber = dataset.GetInt32(DicomTags.InstanceNumber),
            ImagePosition = Vector(dataset.GetDoubles(DicomTags.ImagePositionPatient), 0),
            RowDirection = Vector(dataset.GetDoubles(DicomTags.ImageOrientationPatient), 0),
            ColumnDirection = Vector(dataset.GetDoubles(DicomTags.ImageOrientationPatient), 3),
            PixelSpacing = dataset.GetDoubles(DicomTags.PixelSpacing) is [var row, var column, ..] && row > 0 && column > 0
                ? new PixelSpacing(row, column)
                : null,
            SliceThickness = dataset.GetDouble(DicomTags.SliceThickness),
            ConvolutionKernel = string.Join('\\', dataset.GetStrings(DicomTags.ConvolutionKernel)),
            GantryTilt = dataset.GetDouble(DicomTags.GantryDetectorTilt),
            Rows = rows.Value,
            Columns = columns.Value,
            NumberOfFrames = dataset.GetInt32(DicomTags.NumberOfFrames) ?? 1,
            TransferSyntaxUid = file.TransferSyntax.Uid,
        };
        return (header, null);
    }

    private static Vector3D? Vector(IReadOnlyList<double>? values, int start) =>
        values is not null && values.Count >= start + 3 && values.Skip(start).Take(3).All(double.IsFinite)
            ? new Vector3D(values[start], values[start + 1], values[start + 2])
            : null;
}
