using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Lesions;

/// <summary>A subdural collection along the falx (interhemispheric) or along the upper surface of the tentorium.</summary>
internal sealed class DuralFoldHematoma : Lesion
{
    private readonly bool _falx;
    private readonly int _side;
    private readonly Vector3 _centre;
    private readonly float _radiusA, _radiusB, _thickness;

    /// <summary>Creates the collection.</summary>
    /// <param name="falx">True along the falx, false along the tentorium.</param>
    /// <param name="side">+1 patient left, −1 right.</param>
    /// <param name="centre">Centre on the fold (brain frame).</param>
    /// <param name="radiusA">Half-extent antero-posterior, mm.</param>
    /// <param name="radiusB">Half-extent vertical (falx) or lateral (tentorium), mm.</param>
    /// <param name="thickness">Greatest thickness, mm.</param>
    /// <param name="densityHu">Blood density.</param>
    public DuralFoldHematoma(bool falx, int side, Vector3 centre, float radiusA, float radiusB, float thickness, float densityHu)
        : base(HemorrhageSubtype.Subdural, densityHu,
            centre - new Vector3(MathF.Max(radiusB, thickness) + 15f, radiusA + 15f, radiusB + 15f),
            centre + new Vector3(MathF.Max(radiusB, thickness) + 15f, radiusA + 15f, radiusB + 15f))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(thickness, 1f);
        _falx = falx;
        _side = Math.Sign(side);
        _centre = centre;
        _radiusA = radiusA;
        _radiusB = radiusB;
        _thickness = thickness;
    }

    /// <inheritdoc />
    public override bool Paint(Vector3 p, ref AnatomySample s)
    {
        if (!s.Tissue.IsIntracranial() || s.Tissue is Tissue.Calcification) return false;
        var b = s.Brain;
        if (_falx)
        {
            var away = b.X * _side;
            if (away < 0.4f || b.Z < HeadModel.FissureBottom(b.Y)) return false;
            var u = Sq((b.Y - _centre.Y) / _radiusA) + Sq((b.Z - _centre.Z) / _radiusB);
            if (u >= 1f || away >= 0.4f + _thickness * MathF.Sqrt(1f - u)) return false;
        }
        else
        {
            if (b.Y < 6f) return false;
            var above = b.Z - HeadModel.TentoriumZ(b.X, b.Y);
            if (above < 0.5f) return false;
            var u = Sq((b.Y - _centre.Y) / _radiusA) + Sq((b.X - _centre.X) / _radiusB);
            if (u >= 1f || above >= 0.5f + _thickness * MathF.Sqrt(1f - u)) return false;
        }
        s.Hu = DensityHu;
        return true;
    }

    /// <inheritdoc />
    public override LesionDescription Describe() =>
        new(Subtype, _falx ? "falx" : "tentorium", _side > 0 ? "left" : "right", _centre, 2f * MathF.Max(_radiusA, _radiusB), _thickness, DensityHu);

    private static float Sq(float v) => v * v;
}
