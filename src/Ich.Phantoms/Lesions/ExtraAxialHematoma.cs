using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Lesions;

/// <summary>
/// A collection against the inner table: epidural (biconvex lens, stops at sutures) or subdural over the
/// convexity (crescent of nearly even thickness that tapers at its ends and crosses sutures). A subdural may be
/// subacute (isodense to brain), chronic (hypodense) or acute-on-chronic (hypodense fluid with fresh blood layering
/// in its dependent, posterior part): all of it is labelled subdural, as radiologists label it.
/// </summary>
internal sealed class ExtraAxialHematoma : Lesion
{
    private readonly Vector3 _direction;
    private readonly float _radius, _thickness, _surfaceRadius;
    private readonly Vector3 _centre;
    private readonly SutureBounds _sutures;
    private readonly SubduralAge _age;
    private readonly float _olderHu;

    /// <summary>Creates the collection.</summary>
    /// <param name="subtype"><see cref="HemorrhageSubtype.Epidural"/> or <see cref="HemorrhageSubtype.Subdural"/>.</param>
    /// <param name="centre">Centre on the inner table (head frame, mm).</param>
    /// <param name="cavityDirection">Direction of the centre in the cavity's normalised coordinates.</param>
    /// <param name="surfaceRadius">Cavity radius at the centre, mm.</param>
    /// <param name="radius">Half-extent along the surface, mm.</param>
    /// <param name="thickness">Greatest thickness, mm.</param>
    /// <param name="densityHu">Blood density.</param>
    /// <param name="sutures">For an epidural: the bone it lies under (it does not cross sutures).</param>
    /// <param name="age">For a subdural: how old the collection is.</param>
    /// <param name="olderHu">Density of the older (subacute or chronic) part, HU; ignored when acute.</param>
    public ExtraAxialHematoma(HemorrhageSubtype subtype, Vector3 centre, Vector3 cavityDirection, float surfaceRadius, float radius,
        float thickness, float densityHu, SutureBounds sutures, SubduralAge age = SubduralAge.Acute, float olderHu = 0f)
        // The angular test works in the cavity's normalised coordinates, which stretch distances by up to ~1.3.
        : base(subtype, densityHu, centre - new Vector3(radius * 1.35f + thickness + 5f), centre + new Vector3(radius * 1.35f + thickness + 5f))
    {
        if (subtype is not (HemorrhageSubtype.Epidural or HemorrhageSubtype.Subdural))
            throw new ArgumentOutOfRangeException(nameof(subtype), subtype, "Only epidural and subdural collections lie against the inner table.");
        ArgumentOutOfRangeException.ThrowIfLessThan(thickness, 1f);
        ArgumentOutOfRangeException.ThrowIfLessThan(radius, thickness);
        _direction = Vector3.Normalize(cavityDirection);
        _surfaceRadius = surfaceRadius;
        _radius = radius;
        _thickness = thickness;
        _sutures = sutures;
        _centre = centre;
        if (age != SubduralAge.Acute && subtype != HemorrhageSubtype.Subdural)
            throw new ArgumentOutOfRangeException(nameof(age), age, "Only subdural collections are drawn subacute or chronic.");
        _age = age;
        _olderHu = olderHu;
    }

    /// <inheritdoc />
    public override float MidlineShiftMm => Math.Clamp((_thickness - 8f) * 0.55f * MathF.Min(1f, _radius / 40f), 0f, 14f);

    /// <inheritdoc />
    public override bool Paint(Vector3 p, ref AnatomySample s)
    {
        if (s.InnerDepth <= 0f || s.Tissue is Tissue.Bone or Tissue.AirCell) return false;
        var cos = Vector3.Dot(s.CavityDirection, _direction);
        if (cos < 0.3f) return false;
        var chord2 = 2f * (1f - cos) * _surfaceRadius * _surfaceRadius;
        var u = chord2 / (_radius * _radius);
        if (u >= 1f) return false;
        var profile = Subtype == HemorrhageSubtype.Epidural
            ? 1f - u // lens: both faces convex
            : MathF.Sqrt(1f - u * u); // crescent: even thickness, tapering ends
        if (s.InnerDepth >= _thickness * profile) return false;
        if (!_sutures.Allows(p)) return false;
        s.Hu = _age switch
        {
            SubduralAge.Acute => DensityHu,
            // Supine: fresh cells settle posteriorly (head-frame +y) below a level through the collection's centre.
            SubduralAge.AcuteOnChronic => p.Y > _centre.Y + 0.15f * _radius ? DensityHu : _olderHu,
            _ => _olderHu,
        };
        return true;
    }

    /// <inheritdoc />
    public override LesionDescription Describe() =>
        new(Subtype, Subtype == HemorrhageSubtype.Epidural ? _sutures.Bone : _age switch
        {
            SubduralAge.Subacute => "convexity-subacute",
            SubduralAge.Chronic => "convexity-chronic",
            SubduralAge.AcuteOnChronic => "convexity-acute-on-chronic",
            _ => "convexity",
        }, SideOf(_centre.X), _centre, 2f * _radius, _thickness, _age is SubduralAge.Subacute or SubduralAge.Chronic ? _olderHu : DensityHu);
}

/// <summary>The sutures that bound an epidural hematoma: it stays under one bone of the vault.</summary>
/// <param name="Bone">Name of the bone (frontal, parietal, temporal, occipital), or <c>none</c>.</param>
/// <param name="MinY">Most anterior y allowed (mm).</param>
/// <param name="MaxY">Most posterior y allowed (mm).</param>
/// <param name="Side">+1 or −1 to keep to one side of the sagittal suture, 0 to allow both.</param>
internal readonly record struct SutureBounds(string Bone, float MinY, float MaxY, int Side)
{
    /// <summary>No sutural limit (subdural collections cross sutures).</summary>
    public static SutureBounds None { get; } = new("none", float.NegativeInfinity, float.PositiveInfinity, 0);

    /// <summary>True when <paramref name="p"/> is under the same bone.</summary>
    public bool Allows(Vector3 p) => p.Y >= MinY && p.Y <= MaxY && (Side == 0 || p.X * Side > -1f);

    /// <summary>The bone under which a head-frame point lies (coronal suture ≈ y = −15 mm, lambdoid ≈ y = +55 mm).</summary>
    public static SutureBounds ForPoint(Vector3 p, int side)
    {
        const float coronal = -15f, lambdoid = 55f;
        if (p.Y < coronal) return new("frontal", float.NegativeInfinity, coronal, 0);
        if (p.Y > lambdoid) return new("occipital", lambdoid, float.PositiveInfinity, 0);
        return p.Z < 0f ? new("temporal", coronal, lambdoid, side) : new("parietal", coronal, lambdoid, side);
    }
}

/// <summary>How old a subdural collection is, which sets its density.</summary>
internal enum SubduralAge
{
    /// <summary>Fresh blood, 55–80 HU.</summary>
    Acute,

    /// <summary>
    /// About a week: fading towards the density of grey matter (40–48 HU here, the end of the range where it still
    /// differs from the cortex it covers; fully isodense collections show only by mass effect, which is not modelled).
    /// </summary>
    Subacute,

    /// <summary>Weeks on: hypodense fluid (5–25 HU).</summary>
    Chronic,

    /// <summary>A chronic collection with a fresh bleed layering in its dependent part.</summary>
    AcuteOnChronic,
}
