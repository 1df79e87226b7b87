using Ich.Dicom.Series.Headers;

namespace Ich.Dicom.Series.Slices;

/// <summary>
/// One DICOM file read on its own as one Hounsfield-unit image, with no series rules applied (collections of
/// isolated slices, such as RSNA 2019, are scored slice by slice). Holds no patient identity.
/// </summary>
public sealed record IsolatedSlice
{
    /// <summary>The file or archive entry the slice came from.</summary>
    public required string SourceName { get; init; }

    /// <summary>SOP Instance UID (0008,0018) as written, whatever its syntax (e.g. <c>ID_3f2a…</c>); empty when absent.</summary>
    public required string SopInstanceUid { get; init; }

    /// <summary>Study Instance UID (0020,000D) as written; empty when absent.</summary>
    public required string StudyInstanceUid { get; init; }

    /// <summary>Series Instance UID (0020,000E) as written; empty when absent.</summary>
    public required string SeriesInstanceUid { get; init; }

    /// <summary>Modality (0008,0060), upper case; empty when absent (not checked: no rules are applied).</summary>
    public required string Modality { get; init; }

    /// <summary>Rows (0028,0010): the image height.</summary>
    public required int Rows { get; init; }

    /// <summary>Columns (0028,0011): the image width.</summary>
    public required int Columns { get; init; }

    /// <summary>Pixel Spacing (0028,0030), or null when absent or not positive.</summary>
    public PixelSpacing? PixelSpacing { get; init; }

    /// <summary>Hounsfield units, row-major, <see cref="Rows"/> × <see cref="Columns"/> values.</summary>
    public required float[] Hounsfield { get; init; }

    /// <summary>What was noticed while reading (e.g. "inconsistent 12-bit rescale repaired"); empty when nothing.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
