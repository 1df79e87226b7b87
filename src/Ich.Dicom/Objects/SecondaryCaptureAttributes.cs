namespace Ich.Dicom.Objects;

/// <summary>
/// Everything about a Secondary Capture image except its pixels. A derived image (e.g. a heatmap over a brain-window
/// slice) belongs to its source's patient and study, in a new series of its own.
/// </summary>
public sealed record SecondaryCaptureAttributes
{
    /// <summary>The patient of the source study.</summary>
    public required PatientIdentity Patient { get; init; }

    /// <summary>The source study.</summary>
    public required StudyIdentity Study { get; init; }

    /// <summary>The new series that holds the captures.</summary>
    public required SeriesIdentity Series { get; init; }

    /// <summary>SOP Instance UID (0008,0018) of this image.</summary>
    public required string SopInstanceUid { get; init; }

    /// <summary>Instance Number (0020,0013), non-negative.</summary>
    public required int InstanceNumber { get; init; }

    /// <summary>When the image was made: Content Date/Time and Date/Time of Secondary Capture.</summary>
    public required DateTime ContentDateTime { get; init; }

    /// <summary>
    /// True when text is burnt into the pixels (Burned In Annotation "YES"), which tells PACS and de-identification
    /// tools the pixels may carry identifying text.
    /// </summary>
    public required bool BurnedInAnnotation { get; init; }

    /// <summary>The images it was derived from (Source Image Sequence and Referenced Series Sequence).</summary>
    public IReadOnlyList<ImageReference> SourceImages { get; init; } = [];

    /// <summary>Derivation Description (0008,2111), e.g. "Grad-CAM heatmap over brain window W80/L40"; not written when null.</summary>
    public string? DerivationDescription { get; init; }

    /// <summary>Modality (0008,0060): OT (other) by default, since a capture is not an acquisition.</summary>
    public string Modality { get; init; } = "OT";

    /// <summary>
    /// Body Part Examined (0018,0015) of the source, e.g. HEAD; not written when null. Naming an unpaired body part
    /// also tells validators that Laterality (0020,0060) is rightly absent.
    /// </summary>
    public string? BodyPartExamined { get; init; }

    /// <summary>Conversion Type (0008,0064): WSD (workstation) for images a program renders.</summary>
    public string ConversionType { get; init; } = "WSD";

    /// <summary>Image Type (0008,0008).</summary>
    public IReadOnlyList<string> ImageType { get; init; } = ["DERIVED", "SECONDARY"];

    /// <summary>
    /// Patient Orientation (0020,0020): the directions of rows and columns, e.g. ["L", "P"] for an axial slice
    /// (see <see cref="PatientVector.ToOrientationLetters"/>); empty when unknown.
    /// </summary>
    public IReadOnlyList<string> PatientOrientation { get; init; } = [];

    /// <summary>The software that made the capture; also written as the Secondary Capture Device.</summary>
    public EquipmentIdentity Equipment { get; init; } = new(string.Empty);
}
