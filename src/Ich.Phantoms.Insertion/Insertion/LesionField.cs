namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>
/// One lesion in the background's grid: the voxels it touches with the fraction of each it fills (soft edges give
/// partial volume), the density it has, and optionally an oedema rim (a density drop around it).
/// </summary>
internal sealed class LesionField
{
    public LesionField(HemorrhageSubtype subtype, string location, BleedAge age, float densityHu)
    {
        Subtype = subtype;
        Location = location;
        Age = age;
        DensityHu = densityHu;
    }

    public HemorrhageSubtype Subtype { get; }

    public string Location { get; }

    public BleedAge Age { get; }

    public float DensityHu { get; }

    public List<int> Voxels { get; } = [];

    public List<float> Fractions { get; } = [];

    public List<int> OedemaVoxels { get; } = [];

    public List<float> OedemaFractions { get; } = [];

    /// <summary>HU drop at full oedema.</summary>
    public float OedemaDropHu { get; set; }

    /// <summary>Width of the oedema rim, mm (0 without).</summary>
    public float OedemaRimMm { get; set; }

    public double FilledVoxels => Fractions.Sum(f => (double)f);

    public void Add(int voxel, float fraction)
    {
        if (fraction <= 0f) return;
        Voxels.Add(voxel);
        Fractions.Add(MathF.Min(1f, fraction));
    }

    /// <summary>Fraction-weighted centre, voxel coordinates (column, row, slice).</summary>
    public (float X, float Y, float Z) Centre(int width, int height)
    {
        double sx = 0, sy = 0, sz = 0, sw = 0;
        for (var k = 0; k < Voxels.Count; k++)
        {
            var i = Voxels[k];
            var f = Fractions[k];
            sx += f * (i % width);
            sy += f * (i / width % height);
            sz += f * (i / (width * height));
            sw += f;
        }
        return sw == 0 ? (0, 0, 0) : ((float)(sx / sw), (float)(sy / sw), (float)(sz / sw));
    }
}
