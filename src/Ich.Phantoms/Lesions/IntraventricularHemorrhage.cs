using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Lesions;

/// <summary>
/// Blood in the ventricles: either layering in the dependent occipital horns (the patient lies supine, so
/// posterior is down) or a cast filling part of a ventricle.
/// </summary>
internal sealed class IntraventricularHemorrhage : Lesion
{
    private readonly bool _layering;
    private readonly float _level;
    private readonly Vector3 _centre;
    private readonly float _radius;

    // Ventricles lie within |x| < 45, −45 < y < 60, −45 < z < 30 mm of the brain frame; 15 mm more for mass effect.
    private IntraventricularHemorrhage(bool layering, float level, Vector3 centre, float radius, float densityHu)
        : base(HemorrhageSubtype.Intraventricular, densityHu,
            layering ? new Vector3(-60f, level - 15f, -30f) : Vector3.Max(centre - new Vector3(radius + 15f), new Vector3(-60f, -60f, -60f)),
            layering ? new Vector3(60f, 75f, 35f) : Vector3.Min(centre + new Vector3(radius + 15f), new Vector3(60f, 75f, 45f)))
    {
        _layering = layering;
        _level = level;
        _centre = centre;
        _radius = radius;
    }

    /// <summary>Sediment behind the plane y = <paramref name="level"/> in both occipital horns.</summary>
    public static IntraventricularHemorrhage Layering(float level, float densityHu) => new(true, level, new Vector3(0f, level, 4f), 0f, densityHu);

    /// <summary>A cast of the ventricle within <paramref name="radius"/> of <paramref name="centre"/> (brain frame).</summary>
    public static IntraventricularHemorrhage Cast(Vector3 centre, float radius, float densityHu) => new(false, 0f, centre, radius, densityHu);

    /// <inheritdoc />
    public override bool Paint(Vector3 p, ref AnatomySample s)
    {
        if (s.Tissue != Tissue.Ventricle) return false;
        var b = s.Brain;
        var inside = _layering
            ? b.Y > _level && MathF.Abs(b.X) > 6f
            : Vector3.DistanceSquared(b, _centre) < _radius * _radius;
        if (!inside) return false;
        s.Hu = DensityHu;
        return true;
    }

    /// <inheritdoc />
    public override LesionDescription Describe() =>
        _layering
            ? new(Subtype, "layering", "both", _centre, 0f, 0f, DensityHu)
            : new(Subtype, "cast", SideOf(_centre.X), _centre, 2f * _radius, 0f, DensityHu);
}
