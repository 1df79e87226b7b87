using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Lesions;

/// <summary>
/// A clot within the brain: a lobulated ellipsoid with an irregular margin, uneven density and a rim of hypodense
/// edema; or a contusion — scattered hemorrhagic foci in a patch of edema, at the frontal and temporal poles where
/// the brain strikes the skull base. Only blood is labelled; the edema between contusion foci is not.
/// </summary>
internal sealed class IntraparenchymalHemorrhage : Lesion
{
    private const int Lobes = 3;
    private const int MarginWaves = 4;
    private readonly string _form;
    private readonly Vector3 _centre, _inverseRadii;
    private readonly float _minRadius, _maxRadius, _edemaRatio, _edemaDropHu;
    private readonly Vector3[] _lobeAxes;
    private readonly float[] _lobeDepth;
    private readonly Vector3[] _marginWaves = new Vector3[MarginWaves];
    private readonly float _marginDepth, _mottleHu;
    private readonly Vector3 _mottleWave;
    private readonly bool _contusion;
    private readonly Vector3[] _fociWaves = new Vector3[3];

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
        // A ragged margin (finer than the lobes) and a mottled clot: real clots are neither smooth nor uniform.
        for (var i = 0; i < MarginWaves; i++) _marginWaves[i] = rng.UnitVector() * rng.UniformF(1.5f, 3f);
        _marginDepth = _maxRadius > 5f ? rng.UniformF(0.03f, 0.08f) : 0.02f;
        _mottleWave = rng.UnitVector() / rng.UniformF(3f, 6f);
        _mottleHu = MathF.Min(rng.UniformF(2f, 7f), densityHu - 52f);
        _contusion = form == "contusion";
        for (var i = 0; i < _fociWaves.Length; i++) _fociWaves[i] = rng.UnitVector() / rng.UniformF(7f, 11f);
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
        for (var i = 0; i < MarginWaves; i++) shrink += _marginDepth * FastMath.SinCycles(Vector3.Dot(dir, _marginWaves[i]));
        var boundary = 1f - shrink;
        if (r < boundary)
        {
            if (_contusion && !InFocus(d))
            {
                if (s.Tissue.IsParenchyma()) s.Hu -= _edemaDropHu;
                return false;
            }
            s.Hu = DensityHu + _mottleHu * FastMath.SinCycles(Vector3.Dot(d, _mottleWave));
            return true;
        }
        if (r < boundary * _edemaRatio && s.Tissue.IsParenchyma()) s.Hu -= _edemaDropHu;
        return false;
    }

    /// <summary>Whether a point of a contusion is one of its hemorrhagic foci (about a third of the patch).</summary>
    private bool InFocus(Vector3 d)
    {
        var f = 0f;
        foreach (var w in _fociWaves) f += FastMath.SinCycles(Vector3.Dot(d, w));
        return f > 0.6f;
    }

    /// <inheritdoc />
    public override LesionDescription Describe() =>
        new(Subtype, _form, SideOf(_centre.X), _centre, 2f * _maxRadius, 2f * _minRadius, DensityHu);
}
