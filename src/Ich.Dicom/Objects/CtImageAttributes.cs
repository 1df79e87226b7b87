namespace Ich.Dicom.Objects;

/// <summary>Everything about one CT slice except its pixels: identity, geometry, rescale, display and acquisition.</summary>
public sealed record CtImageAttributes
{
    /// <summary>The patient (for phantoms, made-up identity from the caller).</summary>
    public required PatientIdentity Patient { get; init; }

    /// <summary>The study.</summary>
    public required StudyIdentity Study { get; init; }

    /// <summary>The series.</summary>
    public required SeriesIdentity Series { get; init; }

    /// <summary>SOP Instance UID (0008,0018) of this slice.</summary>
    public required string SopInstanceUid { get; init; }

    /// <summary>Instance Number (0020,0013), non-negative.</summary>
    public required int InstanceNumber { get; init; }

    /// <summary>Frame of Reference UID (0020,0052), shared by every slice of a scan.</summary>
    public required string FrameOfReferenceUid { get; init; }

    /// <summary>Position, orientation, pixel spacing and slice thickness.</summary>
    public required ImagePlane Plane { get; init; }

    /// <summary>Rescale Intercept (0028,1052): HU = stored value × slope + intercept.</summary>
    public required double RescaleIntercept { get; init; }

    /// <summary>Rescale Slope (0028,1053), non-zero.</summary>
    public double RescaleSlope { get; init; } = 1;

    /// <summary>Display windows, first the default one; none by default.</summary>
    public IReadOnlyList<VoiWindow> Windows { get; init; } = [];

    /// <summary>Image Type (0008,0008); value 3 is AXIAL or LOCALIZER for CT.</summary>
    public IReadOnlyList<string> ImageType { get; init; } = ["ORIGINAL", "PRIMARY", "AXIAL"];

    /// <summary>Convolution Kernel (0018,1210), e.g. "H30s"; not written when null.</summary>
    public string? ConvolutionKernel { get; init; }

    /// <summary>KVP (0018,0060), peak kilovoltage; empty when null.</summary>
    public double? Kvp { get; init; }

    /// <summary>Gantry/Detector Tilt (0018,1120), degrees; not written when null.</summary>
    public double? GantryDetectorTilt { get; init; }

    /// <summary>Acquisition Number (0020,0012); empty when null.</summary>
    public int? AcquisitionNumber { get; init; }

    /// <summary>Patient Position (0018,5100), e.g. HFS (head first, supine).</summary>
    public string PatientPosition { get; init; } = "HFS";

    /// <summary>Body Part Examined (0018,0015), e.g. HEAD; not written when null.</summary>
    public string? BodyPartExamined { get; init; }

    /// <summary>Slice Location (0020,1041) in mm; not written when null.</summary>
    public double? SliceLocation { get; init; }

    /// <summary>Content Date and Time (0008,0023/0033); the study date and time when null.</summary>
    public DateTime? ContentDateTime { get; init; }

    /// <summary>The scanner (or phantom generator) that made the image.</summary>
    public EquipmentIdentity Equipment { get; init; } = new(string.Empty);

    /// <summary>Bits Stored (0028,0101), 12–16 for CT; every pixel value must fit.</summary>
    public int BitsStored { get; init; } = 16;
}
