using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Rendering;

/// <summary>
/// One plane of a slice profile at the base resolution: HU at each point and the bit of every lesion painted there,
/// and for diagnostics the tissue, where the plane lies inside the dura and where a lesion changed it. A plane
/// outlives its slice when the next slice shares it.
/// </summary>
internal sealed class ProfilePlane(int baseMatrix)
{
    /// <summary>HU at each point (contrast applied, lesions painted).</summary>
    public float[] Hu { get; } = new float[baseMatrix * baseMatrix];

    /// <summary>Bit l set where lesion l holds the point.</summary>
    public byte[] Lesions { get; } = new byte[baseMatrix * baseMatrix];

    /// <summary>Whether <see cref="Tissue"/>, <see cref="Intracranial"/> and <see cref="LesionFootprint"/> were recorded for this plane.</summary>
    public bool HasDiagnostics { get; private set; }

    private byte[]? _tissue, _intracranial, _footprint;

    /// <summary>Tissue at each point after painting, air outside the head's span (only when <see cref="HasDiagnostics"/>).</summary>
    public byte[] Tissue => _tissue ??= new byte[Hu.Length];

    /// <summary>1 where the point lies inside the dura (only when <see cref="HasDiagnostics"/>).</summary>
    public byte[] Intracranial => _intracranial ??= new byte[Hu.Length];

    /// <summary>1 where a lesion changed the point's HU (only when <see cref="HasDiagnostics"/>).</summary>
    public byte[] LesionFootprint => _footprint ??= new byte[Hu.Length];

    /// <summary>Clears the lesion bits (and the reach maps when diagnostics are to be recorded) before the plane is evaluated.</summary>
    public void Reset(bool diagnostics)
    {
        Array.Clear(Lesions);
        HasDiagnostics = diagnostics;
        if (!diagnostics) return;
        Array.Clear(Intracranial);
        Array.Clear(LesionFootprint);
    }

    /// <summary>Marks whether a sample lies inside the dura (mass effect can reach it) or was changed by a lesion.</summary>
    public void RecordReach(int index, in AnatomySample s, float unpainted)
    {
        if (s.Tissue.IsIntracranial()) Intracranial[index] = 1;
        if (s.Hu != unpainted) LesionFootprint[index] = 1;
    }

    /// <summary>ORs this plane's reach maps into a slice's diagnostics.</summary>
    public void AddReachTo(SliceDiagnostics diagnostics)
    {
        for (var i = 0; i < Hu.Length; i++)
        {
            diagnostics.Intracranial[i] |= Intracranial[i];
            diagnostics.LesionFootprint[i] |= LesionFootprint[i];
        }
    }
}
