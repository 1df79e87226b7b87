using System.Text.Json.Serialization;
using Ich.Dicom.Series.Assembly;

namespace Ich.Pipeline.SelectSeries;

/// <summary>One instance of the selected series, in spatial order.</summary>
/// <param name="SopInstanceUid">SOP Instance UID.</param>
/// <param name="InstanceNumber">Instance Number, if given (shown, never used for ordering).</param>
/// <param name="Source">The file or archive entry, by the name the upload reads it from again (<c>series/IM-1.dcm</c>, <c>upload.zip!a/b.dcm</c>).</param>
/// <param name="PositionMm">Position along the slice normal, mm.</param>
public sealed record InstanceReference(string SopInstanceUid, int? InstanceNumber, string Source, double PositionMm);

/// <summary>The stack's geometry.</summary>
/// <param name="Rows">Rows per slice.</param>
/// <param name="Columns">Columns per slice.</param>
/// <param name="RowSpacingMm">Distance between rows, mm.</param>
/// <param name="ColumnSpacingMm">Distance between columns, mm.</param>
/// <param name="SliceSpacingMm">Median distance between slices, mm.</param>
/// <param name="TiltDegrees">Gantry tilt, degrees.</param>
/// <param name="RowDirection">Direction cosines of a row (LPS).</param>
/// <param name="ColumnDirection">Direction cosines of a column (LPS).</param>
public sealed record SelectionGeometry(int Rows, int Columns, double RowSpacingMm, double ColumnSpacingMm, double SliceSpacingMm, double TiltDegrees,
    IReadOnlyList<double> RowDirection, IReadOnlyList<double> ColumnDirection);

/// <summary>
/// The source study's identity and acquisition facts, read from the first slice of the selected series. Holds PHI
/// (patient name, ID, birth date): only the DICOM and FHIR outputs that go back to the same patient carry it;
/// never logged, never in <c>results.json</c>.
/// </summary>
public sealed record SourceStudy
{
    /// <summary>Patient's Name (PN).</summary>
    public string PatientName { get; init; } = string.Empty;

    /// <summary>Patient ID.</summary>
    public string PatientId { get; init; } = string.Empty;

    /// <summary>Patient's Birth Date, DICOM DA form, or empty.</summary>
    public string PatientBirthDate { get; init; } = string.Empty;

    /// <summary>Patient's Sex: M, F, O or empty.</summary>
    public string PatientSex { get; init; } = string.Empty;

    /// <summary>Study Date (DA) and Time (TM) joined, or empty.</summary>
    public string StudyDateTime { get; init; } = string.Empty;

    /// <summary>Study ID.</summary>
    public string StudyId { get; init; } = string.Empty;

    /// <summary>Accession Number.</summary>
    public string AccessionNumber { get; init; } = string.Empty;

    /// <summary>SOP Class UID of the slices (CT Image Storage for CT).</summary>
    public string SopClassUid { get; init; } = string.Empty;

    /// <summary>Body Part Examined, or empty.</summary>
    public string BodyPartExamined { get; init; } = string.Empty;

    /// <summary>Contrast/Bolus Agent, or empty.</summary>
    public string ContrastBolusAgent { get; init; } = string.Empty;
}

/// <summary>
/// The Select series stage's verdict on one study: the series to analyse (study, series, ordered instances,
/// geometry, problems), why the others were not chosen, and — when the study cannot be analysed — the reason.
/// </summary>
public sealed record SeriesSelection
{
    /// <summary>Study Instance UID.</summary>
    public required string StudyInstanceUid { get; init; }

    /// <summary>Series Instance UID of the chosen series; null when none could be chosen.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>The chosen series' label (number, description, UID).</summary>
    public string? SeriesLabel { get; init; }

    /// <summary>Its instances, inferior → superior.</summary>
    public IReadOnlyList<InstanceReference> Instances { get; init; } = [];

    /// <summary>Its geometry; null when none could be established.</summary>
    public SelectionGeometry? Geometry { get; init; }

    /// <summary>Problems found while ordering it (warnings; fatal ones make <see cref="Refusal"/>).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Warnings the analysis carries on (gantry tilt, duplicates, uneven spacing).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>One line per other series on why it was not chosen.</summary>
    public IReadOnlyList<string> NotChosen { get; init; } = [];

    /// <summary>Why this study is not analysed (status failed, never a negative); null when it is.</summary>
    public string? Refusal { get; init; }

    /// <summary>The source study's identity and acquisition facts (PHI, see <see cref="SourceStudy"/>).</summary>
    public SourceStudy Source { get; init; } = new();

    /// <summary>The upload's paths, so Normalize can find the instances again (by <see cref="InstanceReference.Source"/>) when <see cref="Assembly"/> is absent.</summary>
    public IReadOnlyList<string> UploadPaths { get; init; } = [];

    /// <summary>Names of the upload's stream sources (blobs): Normalize then needs the open upload, or the same streams again.</summary>
    public IReadOnlyList<string> UploadStreams { get; init; } = [];

    /// <summary>Whether the series may go on to Normalize.</summary>
    [JsonIgnore]
    public bool IsAccepted => Refusal is null && SeriesInstanceUid is not null;

    /// <summary>The ordered stack behind the references, kept in process; not serialised.</summary>
    [JsonIgnore]
    public SeriesAssembly? Assembly { get; init; }
}
