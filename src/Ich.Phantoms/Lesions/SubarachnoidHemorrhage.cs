using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Lesions;

/// <summary>Blood filling the subarachnoid CSF (sulci, Sylvian fissures, basal cisterns) within a region.</summary>
internal sealed class SubarachnoidHemorrhage : Lesion
{
    private readonly string _form;
    private readonly Vector3 _centre;
    private readonly float _radius, _sulcalSpread;

    /// <summary>Creates the hemorrhage.</summary>
    /// <param name="form"><c>basal</c>, <c>sylvian</c> or <c>convexity</c>.</param>
    /// <param name="centre">Centre of the affected region (brain frame).</param>
    /// <param name="radius">Radius of the affected region, mm.</param>
    /// <param name="sulcalSpread">How far (mm) blood distends a sulcus beyond its CSF.</param>
    /// <param name="densityHu">Density of the blood-CSF mixture.</param>
    public SubarachnoidHemorrhage(string form, Vector3 centre, float radius, float sulcalSpread, float densityHu)
        : base(HemorrhageSubtype.Subarachnoid, densityHu, centre - new Vector3(radius + 15f), centre + new Vector3(radius + 15f))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(radius, 5f);
        _form = form;
        _centre = centre;
        _radius = radius;
        _sulcalSpread = sulcalSpread;
    }

    /// <inheritdoc />
    public override bool Paint(Vector3 p, ref AnatomySample s)
    {
        if (Vector3.DistanceSquared(s.Brain, _centre) >= _radius * _radius) return false;
        var inCsf = s.Tissue.IsSubarachnoidCsf();
        var atSulcus = s.Tissue == Tissue.GreyMatter && s.SulcusMargin < _sulcalSpread;
        if (!inCsf && !atSulcus) return false;
        s.Hu = DensityHu;
        return true;
    }

    /// <inheritdoc />
    public override LesionDescription Describe() =>
        new(Subtype, _form, SideOf(_centre.X), _centre, 2f * _radius, _sulcalSpread, DensityHu);
}
