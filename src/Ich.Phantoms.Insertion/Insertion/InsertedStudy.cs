namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>How old a bleed looks: its density.</summary>
public enum BleedAge
{
    /// <summary>Hyperdense clot, 55–90 HU.</summary>
    Acute,

    /// <summary>Near brain density, 35–50 HU.</summary>
    Subacute,

    /// <summary>Hypodense (chronic subdural), 5–25 HU.</summary>
    Chronic,
}

/// <summary>One inserted bleed, as written to <c>studies.csv</c>.</summary>
/// <param name="Subtype">Its subtype.</param>
/// <param name="Location">Where it was placed (e.g. <c>left convexity</c>, <c>right basal ganglia</c>).</param>
/// <param name="VolumeMl">Its volume, ml (the sum of its voxel fractions in the background grid).</param>
/// <param name="DensityHu">Its mean density, HU.</param>
/// <param name="Age">Acute, subacute or chronic.</param>
public sealed record InsertedLesion(HemorrhageSubtype Subtype, string Location, double VolumeMl, float DensityHu, BleedAge Age)
{
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{Subtype.RsnaName()}:{Location.Replace(' ', '-')}:{VolumeMl:0.0}ml:{DensityHu:0}HU:{Age.ToString().ToLowerInvariant()}");
}

/// <summary>
/// One study made from a background: the re-acquired slices with the inserted bleeds, the same re-acquisition without
/// them (the twin), labels and masks by construction.
/// </summary>
public sealed class InsertedStudy
{
    internal InsertedStudy(int index, string backgroundIdentity, int width, int height, float pixelSpacingMm, float sliceThicknessMm,
        short[][] slices, short[][] twinSlices, byte[][] lesionMasks, SliceLabels labels, IReadOnlyList<InsertedLesion> lesions,
        float midlineShiftMm, float massEffectMarginMm, string acquisition)
    {
        Index = index;
        BackgroundIdentity = backgroundIdentity;
        Width = width;
        Height = height;
        PixelSpacingMm = pixelSpacingMm;
        SliceThicknessMm = sliceThicknessMm;
        Slices = slices;
        TwinSlices = twinSlices;
        LesionMasks = lesionMasks;
        Labels = labels;
        Lesions = lesions;
        MidlineShiftMm = midlineShiftMm;
        MassEffectMarginMm = massEffectMarginMm;
        Acquisition = acquisition;
    }

    /// <summary>Index of the study for its seed.</summary>
    public int Index { get; }

    /// <summary>The background's identity.</summary>
    public string BackgroundIdentity { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Square pixel spacing, mm.</summary>
    public float PixelSpacingMm { get; }

    /// <summary>Slice thickness = spacing, mm.</summary>
    public float SliceThicknessMm { get; }

    /// <summary>HU per slice, row-major, inferior → superior (anterior at the top, patient left on the right).</summary>
    public IReadOnlyList<short[]> Slices { get; }

    /// <summary>The same re-acquisition without lesions and their mass effect (equal to <see cref="Slices"/> when there are none).</summary>
    public IReadOnlyList<short[]> TwinSlices { get; }

    /// <summary>Per slice and pixel, the subtype bits (bit i = <see cref="HemorrhageSubtype"/> i) whose lesions fill at least half the voxel.</summary>
    public IReadOnlyList<byte[]> LesionMasks { get; }

    /// <summary>Slice labels: a slice is positive for a subtype when its mask covers the options' label area.</summary>
    public SliceLabels Labels { get; }

    /// <summary>Whether any slice is positive.</summary>
    public bool HasHemorrhage => Labels.SubjectAny;

    /// <summary>The inserted bleeds.</summary>
    public IReadOnlyList<InsertedLesion> Lesions { get; }

    /// <summary>Lateral displacement of the midline by mass effect, mm (0 when none).</summary>
    public float MidlineShiftMm { get; }

    /// <summary>
    /// Distance from the lesion masks within which the study may differ from its twin (mass effect, oedema, partial
    /// volume and resampling), mm; outside it they are identical.
    /// </summary>
    public float MassEffectMarginMm { get; }

    /// <summary>The re-acquisition drawn (thickness, slab offset, rotation, shift, added noise).</summary>
    public string Acquisition { get; }

    /// <summary>Subtypes with volumes, e.g. <c>subdural 32.1 ml (left convexity, acute)</c>, or <c>no hemorrhage</c>.</summary>
    public string Description => Lesions.Count == 0
        ? "no hemorrhage"
        : string.Join("; ", Lesions.Select(l => FormattableString.Invariant(
            $"{l.Subtype.RsnaName()} {l.VolumeMl:0.0} ml ({l.Location}, {l.Age.ToString().ToLowerInvariant()})")));
}
