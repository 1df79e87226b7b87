using System.Text.Json.Serialization;
using Ich.Dicom.Series.Geometry;

namespace Ich.Dicom.Series.Headers;

/// <summary>
/// The header fields of one image instance that series grouping, selection and ordering need; read without pixel data.
/// Holds no patient identity (name, ID, birth date): nothing here can leak PHI into a report.
/// </summary>
public sealed record SliceHeader
{
    /// <summary>
    /// The file or archive entry the instance came from: an <see cref="Inputs.InputItem.SourceName"/>, which the
    /// upload's <see cref="Inputs.Upload"/> reads again (a plain string, so the header serialises).
    /// </summary>
    public required string Source { get; init; }

    /// <summary>Study Instance UID (0020,000D); empty when absent.</summary>
    public required string StudyInstanceUid { get; init; }

    /// <summary>Series Instance UID (0020,000E); empty when absent.</summary>
    public required string SeriesInstanceUid { get; init; }

    /// <summary>SOP Instance UID (0008,0018); empty when absent.</summary>
    public required string SopInstanceUid { get; init; }

    /// <summary>
    /// Patient ID (0010,0020), or null when absent: PHI, read only so that data sets can be split by patient (one
    /// patient's studies on one side). Never serialised, never logged.
    /// </summary>
    [JsonIgnore]
    public string? PatientId { get; init; }

    /// <summary>Modality (0008,0060), e.g. CT; empty when absent.</summary>
    public required string Modality { get; init; }

    /// <summary>Image Type (0008,0008) values, upper case, e.g. ORIGINAL, PRIMARY, AXIAL.</summary>
    public required IReadOnlyList<string> ImageType { get; init; }

    /// <summary>Series Number (0020,0011).</summary>
    public int? SeriesNumber { get; init; }

    /// <summary>Series Description (0008,103E).</summary>
    public string? SeriesDescription { get; init; }

    /// <summary>Instance Number (0020,0013): shown in reports, never used for ordering.</summary>
    public int? InstanceNumber { get; init; }

    /// <summary>Image Position (Patient) (0020,0032): the centre of the first transmitted pixel, mm.</summary>
    public Vector3D? ImagePosition { get; init; }

    /// <summary>First direction cosine of Image Orientation (Patient) (0020,0037): along a row (increasing column).</summary>
    public Vector3D? RowDirection { get; init; }

    /// <summary>Second direction cosine of Image Orientation (Patient): along a column (increasing row).</summary>
    public Vector3D? ColumnDirection { get; init; }

    /// <summary>Pixel Spacing (0028,0030).</summary>
    public PixelSpacing? PixelSpacing { get; init; }

    /// <summary>Slice Thickness (0018,0050), mm.</summary>
    public double? SliceThickness { get; init; }

    /// <summary>Convolution Kernel (0018,1210) values joined with '\'; empty when absent.</summary>
    public required string ConvolutionKernel { get; init; }

    /// <summary>Gantry/Detector Tilt (0018,1120), degrees.</summary>
    public double? GantryTilt { get; init; }

    /// <summary>Rows (0028,0010).</summary>
    public int Rows { get; init; }

    /// <summary>Columns (0028,0011).</summary>
    public int Columns { get; init; }

    /// <summary>Number of Frames (0028,0008); 1 when absent.</summary>
    public int NumberOfFrames { get; init; } = 1;

    /// <summary>Transfer syntax UID of the file.</summary>
    public required string TransferSyntaxUid { get; init; }

    /// <summary>The slice normal (row × column direction), or null without a valid orientation.</summary>
    [JsonIgnore]
    public Vector3D? Normal =>
        RowDirection is { } row && ColumnDirection is { } column && row.Cross(column) is { Length: > 1e-6 } normal
            ? normal.Normalized()
            : null;
}
