using System.Globalization;
using Ich.Dicom.Series.Geometry;

namespace Ich.Dicom.Series.Selection;

/// <summary>
/// The rules that choose, per study, the one series to analyse (in the spirit of MONAI Deploy's series selector).
/// <para>A series is <b>eligible</b> only if all of these hold:</para>
/// <list type="number">
/// <item>Modality is CT.</item>
/// <item>Image Type, when present, starts ORIGINAL\PRIMARY, its third value (when present) is AXIAL, and no value is
/// LOCALIZER (scouts, reformats, MIPs and other derived or secondary images are not analysed). An <b>absent</b> (or
/// empty) Image Type is accepted: absent is not derived, and public collections (RSNA 2019) strip it from original
/// axial images. A localizer without Image Type is still caught by the orientation and slice-count rules.</item>
/// <item>Single-frame instances (enhanced multi-frame CT is not supported).</item>
/// <item>Axial: the slice normal (row × column direction cosines) lies within <see cref="MaxAxialDeviationDegrees"/>
/// of the patient z axis — or within <see cref="MaxGantryTiltDegrees"/> for a <b>gantry-tilted axial acquisition</b>
/// (head CT tilts 15–30° to spare the lenses): Gantry/Detector Tilt (0018,1120) matches the plane's angle within
/// <see cref="TiltMatchToleranceDegrees"/>, or the slices are stacked along the table (patient z) rather than along
/// their normal. An oblique reformat (no tilt, stacked along its normal) more than 15° off z is not axial.</item>
/// <item>At least <see cref="MinimumSliceCount"/> instances.</item>
/// <item>The kernel is not sharp (bone, lung, H60+ …; see <see cref="ConvolutionKernels"/>): sharp kernels' noise
/// hides subtle blood, and the model is trained on soft-tissue reconstructions.</item>
/// </list>
/// <para>Eligible series are <b>ranked</b> by, in order: a soft-tissue/brain kernel before an unknown one; slice
/// thickness within <see cref="PreferredMinThicknessMm"/>–<see cref="PreferredMaxThicknessMm"/> mm before outside it;
/// more instances before fewer; then the lower Series Number and Series Instance UID, so the choice is deterministic.
/// The top series is assembled; if it turns out unusable (see <c>SeriesAssembler</c>) the next one is tried.</para>
/// </summary>
public static class SeriesSelectionRules
{
    /// <summary>The only modality analysed.</summary>
    public const string RequiredModality = "CT";

    /// <summary>Largest angle, in degrees, between the slice normal and the patient z axis for a series to count as axial.</summary>
    public const double MaxAxialDeviationDegrees = 15.0;

    /// <summary>Largest angle, in degrees, between the slice normal and z for a gantry-tilted axial acquisition.</summary>
    public const double MaxGantryTiltDegrees = 30.0;

    /// <summary>How closely (degrees) Gantry/Detector Tilt or the table-stacking angle must match the plane's angle.</summary>
    public const double TiltMatchToleranceDegrees = 2.0;

    /// <summary>Fewest instances a series needs to be analysed (a head CT at 5 mm has ~30).</summary>
    public const int MinimumSliceCount = 10;

    /// <summary>Thinnest preferred slice thickness, mm.</summary>
    public const double PreferredMinThicknessMm = 2.5;

    /// <summary>Thickest preferred slice thickness, mm.</summary>
    public const double PreferredMaxThicknessMm = 5.0;

    /// <summary>Judges one series against the eligibility rules.</summary>
    public static SeriesAssessment Assess(DicomSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var kernel = ConvolutionKernels.Classify(series.ConvolutionKernel);
        var thickness = series.SliceThickness;
        var thicknessPreferred = thickness is { } t && t >= PreferredMinThicknessMm - 1e-6 && t <= PreferredMaxThicknessMm + 1e-6;
        return new SeriesAssessment(series, RejectionReason(series, kernel), kernel, thicknessPreferred);
    }

    /// <summary>Orders eligible assessments best first (see the ranking on the type); ineligible ones are left out.</summary>
    public static IReadOnlyList<SeriesAssessment> Rank(IEnumerable<SeriesAssessment> assessments) =>
        assessments.Where(a => a.IsEligible)
            .OrderBy(a => a.Kernel == KernelClass.SoftTissue ? 0 : 1)
            .ThenBy(a => a.ThicknessPreferred ? 0 : 1)
            .ThenByDescending(a => a.Series.InstanceCount)
            .ThenBy(a => a.Series.SeriesNumber ?? int.MaxValue)
            .ThenBy(a => a.Series.SeriesInstanceUid, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Why <paramref name="lower"/> ranks below <paramref name="chosen"/>: the first ranking criterion that differs.</summary>
    public static string WhyRankedBelow(SeriesAssessment lower, SeriesAssessment chosen)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(chosen);
        if (lower.Kernel != chosen.Kernel)
        {
            return $"eligible, but kernel '{lower.Series.ConvolutionKernel}' is not a known soft-tissue kernel and the chosen series' '{chosen.Series.ConvolutionKernel}' is";
        }

        if (lower.ThicknessPreferred != chosen.ThicknessPreferred)
        {
            return $"eligible, but slice thickness {Mm(lower.Series.SliceThickness)} lies outside the preferred {Mm(PreferredMinThicknessMm)}–{Mm(PreferredMaxThicknessMm)}";
        }

        if (lower.Series.InstanceCount != chosen.Series.InstanceCount)
        {
            return $"eligible, but has fewer instances ({lower.Series.InstanceCount} vs {chosen.Series.InstanceCount})";
        }

        return "eligible and equal on every rule; the lower Series Number / UID was chosen";
    }

    private static string? RejectionReason(DicomSeries series, KernelClass kernel)
    {
        if (!string.Equals(series.Modality, RequiredModality, StringComparison.OrdinalIgnoreCase))
        {
            return $"modality is '{series.Modality}', not {RequiredModality}";
        }

        if (ImageTypeRejection(series.First.ImageType) is { } imageTypeReason) return imageTypeReason;

        if (series.Slices.Any(s => s.NumberOfFrames > 1)) return "multi-frame instances (enhanced CT) are not supported";

        if (series.Slices.Select(s => s.Normal).FirstOrDefault(n => n is not null) is not { } normal)
        {
            return "no valid Image Orientation (Patient)";
        }

        var angle = normal.LineAngleDegrees(Vector3D.UnitZ);
        if (angle > MaxGantryTiltDegrees)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"not axial: the slice normal is {angle:0.#}° from the patient z axis (limit {MaxAxialDeviationDegrees:0.#}°, {MaxGantryTiltDegrees:0.#}° for a gantry-tilted acquisition)");
        }

        if (angle > MaxAxialDeviationDegrees && !IsTiltedAcquisition(series, normal, angle))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"not axial: the slice normal is {angle:0.#}° from the patient z axis (limit {MaxAxialDeviationDegrees:0.#}°), and neither Gantry/Detector Tilt nor slices stacked along the table mark a gantry-tilted acquisition (an oblique reformat?)");
        }

        if (series.InstanceCount < MinimumSliceCount)
        {
            return $"only {series.InstanceCount} instance(s); at least {MinimumSliceCount} are needed";
        }

        if (kernel == KernelClass.Sharp) return $"sharp (bone/lung) kernel '{series.ConvolutionKernel}'";
        return null;
    }

    /// <summary>
    /// Whether a plane <paramref name="angle"/>° off z is a gantry-tilted acquisition rather than an oblique reformat:
    /// Gantry/Detector Tilt of that size (its sign differs between vendors, so only the size is compared), or
    /// positions stacked along the table z axis, off the normal by the plane's angle.
    /// </summary>
    public static bool IsTiltedAcquisition(DicomSeries series, Vector3D normal, double angle)
    {
        ArgumentNullException.ThrowIfNull(series);
        var headerTilt = series.Slices.Select(s => s.GantryTilt).FirstOrDefault(t => t is not null);
        if (headerTilt is { } t && Math.Abs(Math.Abs(t) - angle) <= TiltMatchToleranceDegrees) return true;

        var positions = series.Slices.Where(s => s.ImagePosition is not null).Select(s => s.ImagePosition!.Value).ToArray();
        if (positions.Length < 2) return false;
        var lowest = positions.MinBy(p => p.Dot(normal));
        var highest = positions.MaxBy(p => p.Dot(normal));
        var stacking = highest - lowest;
        if (stacking.Length < 1e-6) return false;
        return stacking.LineAngleDegrees(Vector3D.UnitZ) <= TiltMatchToleranceDegrees
            && Math.Abs(stacking.LineAngleDegrees(normal) - angle) <= TiltMatchToleranceDegrees;
    }

    /// <summary>Why the Image Type rules out a series, or null; an absent Image Type rules out nothing (absent is not derived).</summary>
    private static string? ImageTypeRejection(IReadOnlyList<string> imageType)
    {
        if (imageType.Contains("LOCALIZER")) return "a localizer (scout) series";
        if (imageType.All(v => v.Length == 0)) return null;
        if (imageType.Count < 2 || imageType[0] != "ORIGINAL" || imageType[1] != "PRIMARY")
        {
            return $"image type '{string.Join('\\', imageType)}' is not ORIGINAL\\PRIMARY (derived or secondary images)";
        }

        return imageType.Count >= 3 && imageType[2].Length > 0 && imageType[2] != "AXIAL"
            ? $"image type '{string.Join('\\', imageType)}' is not AXIAL"
            : null;
    }

    private static string Mm(double? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.###} mm") : "(not given)";
}
