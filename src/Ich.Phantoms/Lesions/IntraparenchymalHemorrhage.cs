using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Lesions;

/// <summary>A clot within the brain: a lobulated ellipsoid with a rim of hypodense edema.</summary>
internal sealed class IntraparenchymalHemorrhage : Lesion
{
    private const int Lobes = 3;
    private readonly string _form;
    private readonly Vector3 _centre, _inverseRadii;
    private readonly float _minRadius, _maxRadius, _edemaRatio, _edemaDropHu;
    private readonly Vector3[] _lobeAxes;
    private readonly float[] _lobeDepth;

    /// <summary>Creates the clot.</summary>
    /// <param name="form"><c>lobar</c>, <c>deep</c> or <c>cerebellar</c>.</param>
    /// <param name="centre">Centre (brain frame).</param>
    /// <param name="radii">Semi-axes, mm.</param>
    /// <param name="edemaMm">Width of the edema rim, mm.</param>
    /// <param name="edemaDropHu">How much darker the edema is than the brain it replaces.</param>
    /// <param name="densityHu">Clot density.</param>
    /// <param name="rng">Draws the lobulation.</param>
    public IntraparenchymalHemorrhage(string form, Vector3 centre, Vector3 radii, float edemaMm, float edemaDropHu, float densityHu, PhantomRandom rng)
        : base(HemorrhageSubtype.Intraparenchymal, densityHu,
            centre - new Vector3(MathF.Max(radii.X, MathF.Max(radii.Y, radii.Z)) * 1.25f + edemaMm + 15f),
            centre + new Vector3(MathF.Max(radii.X, MathF.Max(radii.Y, radii.Z)) * 1.25f + edemaMm + 15f))
    {
        ArgumentNullException.ThrowIfNull(rng);
        _form = form;
        _centre = centre;
        _inverseRadii = Vector3.One / radii;
        _minRadius = MathF.Min(radii.X, MathF.Min(radii.Y, radii.Z));
        _maxRadius = MathF.Max(radii.X, MathF.Max(radii.Y, radii.Z));
        _edemaRatio = 1f + edemaMm / ((radii.X + radii.Y + radii.Z) / 3f);
        _edemaDropHu = edemaDropHu;
        _lobeAxes = new Vector3[Lobes];
        _lobeDepth = new float[Lobes];
        var irregular = _maxRadius > 8f ? 0.22f : 0.08f;
        for (var i = 0; i < Lobes; i++)
        {
            _lobeAxes[i] = rng.UnitVector();
            _lobeDepth[i] = rng.UniformF(0f, irregular);
        }
    }

    /// <inheritdoc />
    public override float MidlineShiftMm => Math.Clamp((_maxRadius - 12f) * 0.45f, 0f, 12f);

    /// <inheritdoc />
    public override bool Paint(Vector3 p, ref AnatomySample s)
    {
        if (!s.Tissue.IsIntracranial()) return false;
        var d = s.Brain - _centre;
        var q = d * _inverseRadii;
        var r = q.Length();
        if (r >= _edemaRatio * 1.3f) return false;
        // Lobulation: the boundary dips inward along a few random axes.
        var dir = r > 1e-4f ? q / r : Vector3.UnitX;
        var shrink = 0f;
        for (var i = 0; i < Lobes; i++)
        {
            var c = Vector3.Dot(dir, _lobeAxes[i]);
            shrink += _lobeDepth[i] * (1f - c * c);
        }
        var boundary = 1f - shrink;
        if (r < boundary)
        {
            s.Hu = DensityHu;
            return true;
        }
        if (r < boundary * _edemaRatio && s.Tissue.IsParenchyma()) s.Hu -= _edemaDropHu;
        return false;
    }

    /// <inheritdoc />
    public override LesionDescription Describe() =>
        new(Subtype, _form, SideOf(_centre.X), _centre, 2f * _maxRadius, 2f * _minRadius, DensityHu);
}
