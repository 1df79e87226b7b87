using System.Text.Json.Serialization;

namespace Ich.Dicom.Series.Assembly;

/// <summary>Problems found while ordering a series' slices. Which ones are fatal is documented on <see cref="SeriesAssembler"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SeriesProblemKind>))]
public enum SeriesProblemKind
{
    /// <summary>Fewer than two slices with geometry: no stacking direction or spacing.</summary>
    TooFewSlices,

    /// <summary>A slice lacks Image Position/Orientation (Patient) or Pixel Spacing.</summary>
    MissingGeometry,

    /// <summary>Slices differ in Rows/Columns.</summary>
    MixedImageSizes,

    /// <summary>Slices differ in Image Orientation (Patient).</summary>
    MixedOrientations,

    /// <summary>Slices differ in Pixel Spacing.</summary>
    MixedPixelSpacing,

    /// <summary>The same instance (SOP Instance UID) appears more than once; the copies are left out.</summary>
    DuplicateInstance,

    /// <summary>Different instances at the same position.</summary>
    DuplicatePosition,

    /// <summary>A gap larger than 1.5 × the median spacing: slices are missing.</summary>
    MissingSlices,

    /// <summary>Spacing varies by more than the tolerance, without a gap.</summary>
    UnevenSpacing,

    /// <summary>Gantry tilt: the stacking direction is not the slice normal, or Gantry/Detector Tilt is not zero.</summary>
    GantryTilt,

    /// <summary>Slices showed the inconsistent 12-bit rescale quirk and were corrected (see <c>RescaleRepair</c>).</summary>
    RescaleRepaired,

    /// <summary>Slices showed the inconsistent 12-bit rescale quirk, but the correction was not plausible: left as is.</summary>
    InconsistentRescale,
}
