using System.Numerics;

namespace Ich.Phantoms.Anatomy;

/// <summary>
/// Displacement of the brain away from a space-occupying lesion: midline shift (subfalcine), effaced ipsilateral
/// ventricle, sulci and subarachnoid space. Skull and scalp do not move.
/// </summary>
internal sealed class MassEffect
{
    private readonly float _side, _centreY, _centreZ, _inverseTwoSigma2;

    /// <summary>No displacement.</summary>
    public static MassEffect None { get; } = new(0f, 1, 0f, 0f);

    /// <summary>Creates a mass effect.</summary>
    /// <param name="midlineShiftMm">Shift of the septum pellucidum away from the lesion, mm (0 … 15).</param>
    /// <param name="lesionSide">+1 when the lesion is on the patient's left (x &gt; 0), −1 on the right.</param>
    /// <param name="centreY">Antero-posterior level of the lesion, mm.</param>
    /// <param name="centreZ">Height of the lesion, mm.</param>
    public MassEffect(float midlineShiftMm, int lesionSide, float centreY, float centreZ)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(midlineShiftMm);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(midlineShiftMm, 20f);
        MidlineShiftMm = midlineShiftMm;
        _side = Math.Sign(lesionSide);
        _centreY = centreY;
        _centreZ = Math.Clamp(centreZ, -10f, 25f);
        const float sigma = 45f;
        _inverseTwoSigma2 = 1f / (2f * sigma * sigma);
    }

    /// <summary>Midline shift in mm.</summary>
    public float MidlineShiftMm { get; }

    /// <summary>Maps a head-frame point to the undisplaced brain frame where anatomy is defined.</summary>
    public Vector3 ToBrainFrame(Vector3 p, float cavityHalfWidth)
    {
        if (MidlineShiftMm <= 0f) return p;
        var dy = p.Y - _centreY;
        var dz = p.Z - _centreZ;
        var lateral = p.X / cavityHalfWidth;
        var w = MathF.Exp(-(dy * dy + dz * dz) * _inverseTwoSigma2) * MathF.Max(0f, 1f - lateral * lateral);
        // The falx is fixed to the vault above, so the shift fades toward the vertex.
        w *= 1f - Anatomy.FastMath.SmoothStep(30f, 60f, p.Z);
        return p with { X = p.X + _side * MidlineShiftMm * w };
    }

    /// <summary>Factor (≤ 1) narrowing sulci and subarachnoid space on the lesion side.</summary>
    public float Effacement(float brainX) =>
        MidlineShiftMm > 0f && brainX * _side > 0f ? MathF.Max(0.25f, 1f - 0.09f * MidlineShiftMm) : 1f;

    /// <summary>Factor (≤ 1) compressing the ipsilateral lateral ventricle.</summary>
    public float VentricleScale(float brainX) =>
        MidlineShiftMm > 0f && brainX * _side > 0f ? MathF.Max(0.35f, 1f - 0.07f * MidlineShiftMm) : 1f;
}
