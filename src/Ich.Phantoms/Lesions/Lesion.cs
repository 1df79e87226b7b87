using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Lesions;

/// <summary>A hemorrhage painted into the anatomy: decides, point by point, whether blood replaces the tissue.</summary>
internal abstract class Lesion
{
    /// <summary>Creates a lesion with a head-frame bounding box used to skip it cheaply.</summary>
    protected Lesion(HemorrhageSubtype subtype, float densityHu, Vector3 boundsMin, Vector3 boundsMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(densityHu, 50f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(densityHu, 90f);
        Subtype = subtype;
        DensityHu = densityHu;
        BoundsMin = boundsMin;
        BoundsMax = boundsMax;
    }

    /// <summary>Subtype, which sets the slice labels.</summary>
    public HemorrhageSubtype Subtype { get; }

    /// <summary>Acute blood density, 50–90 HU.</summary>
    public float DensityHu { get; }

    /// <summary>Lower corner of the head-frame bounding box.</summary>
    public Vector3 BoundsMin { get; }

    /// <summary>Upper corner of the head-frame bounding box.</summary>
    public Vector3 BoundsMax { get; }

    /// <summary>Midline shift this lesion causes, mm (0 for small lesions).</summary>
    public virtual float MidlineShiftMm => 0f;

    /// <summary>True when <paramref name="p"/> may be affected (inside the bounding box).</summary>
    public bool MayContain(Vector3 p) =>
        p.X >= BoundsMin.X && p.X <= BoundsMax.X && p.Y >= BoundsMin.Y && p.Y <= BoundsMax.Y
        && p.Z >= BoundsMin.Z && p.Z <= BoundsMax.Z;

    /// <summary>
    /// Paints the lesion at head-frame point <paramref name="p"/>. Returns true when the point is blood of this
    /// lesion (it then counts toward the slice label); a lesion may also alter surrounding tissue (edema) and
    /// return false there.
    /// </summary>
    public abstract bool Paint(Vector3 p, ref AnatomySample s);

    /// <summary>What was drawn.</summary>
    public abstract LesionDescription Describe();

    /// <summary>The patient side of a head-frame x coordinate.</summary>
    protected static string SideOf(float x) => x > 2f ? "left" : x < -2f ? "right" : "midline";
}
