using System.Numerics;

namespace Ich.Phantoms.Lesions;

/// <summary>What was drawn for one lesion: its subtype, form, place, size and density (for <c>studies.csv</c>).</summary>
/// <param name="Subtype">Hemorrhage subtype.</param>
/// <param name="Form">Form within the subtype, e.g. <c>convexity</c>, <c>falx</c>, <c>lobar</c>, <c>layering</c>.</param>
/// <param name="Side"><c>left</c>, <c>right</c> or <c>midline</c> (patient side).</param>
/// <param name="CentreMm">Centre in the head frame (mm; x = patient left, y = posterior, z = superior).</param>
/// <param name="ExtentMm">Largest extent in mm.</param>
/// <param name="ThicknessMm">Greatest thickness in mm (extra-axial collections) or smallest diameter (clots).</param>
/// <param name="DensityHu">Density of the blood before partial volume and noise.</param>
public sealed record LesionDescription(
    HemorrhageSubtype Subtype,
    string Form,
    string Side,
    Vector3 CentreMm,
    float ExtentMm,
    float ThicknessMm,
    float DensityHu)
{
    /// <summary>A compact one-token summary, e.g. <c>subdural:convexity:left:62x9mm:68HU</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Subtype.RsnaName()}:{Form}:{Side}:{ExtentMm:0}x{ThicknessMm:0.#}mm:{DensityHu:0}HU");
}
