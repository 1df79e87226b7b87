namespace Ich.Phantoms.Rendering;

/// <summary>
/// The slice sensitivity profile of a reconstructed CT slice along its normal: the nominal thickness as a boxcar,
/// blurred by a Gaussian for the tails a real profile has (its full width at a tenth of the maximum is about twice
/// the nominal thickness). Used in closed form, where point samples would need dozens of planes.
/// </summary>
internal sealed class SliceProfile
{
    private readonly float _halfWidth, _sigma;

    /// <summary>Creates the profile of a slice <paramref name="thicknessMm"/> thick.</summary>
    public SliceProfile(float thicknessMm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thicknessMm);
        _halfWidth = 0.5f * thicknessMm;
        _sigma = TailSigmaPerThickness * thicknessMm;
        ReachMm = thicknessMm + 3f * _sigma;
    }

    /// <summary>The Gaussian's SD as a share of the nominal thickness.</summary>
    public const float TailSigmaPerThickness = 0.25f;

    /// <summary>How far from any point of the nominal slab the profile still carries weight (beyond 3 SD), mm.</summary>
    public float ReachMm { get; }

    /// <summary>Share of the profile's weight below offset <paramref name="offsetMm"/> from the slice centre, 0…1.</summary>
    public float Cumulative(float offsetMm)
    {
        // Boxcar ⊗ Gaussian: (σ / w) · [G((c + w/2) / σ) − G((c − w/2) / σ)] with G(x) = x Φ(x) + φ(x), the integral of Φ.
        var width = 2f * _halfWidth;
        var value = _sigma / width * (IntegralOfNormalCdf((offsetMm + _halfWidth) / _sigma) - IntegralOfNormalCdf((offsetMm - _halfWidth) / _sigma));
        return Math.Clamp(value, 0f, 1f);
    }

    /// <summary>
    /// Share of the profile through a sample at normal offset <paramref name="offsetMm"/> that lies beyond a plane
    /// surface (depth &lt; 0), when the sample is <paramref name="depth"/> inside it and the depth changes by
    /// <paramref name="rate"/> per mm of offset. 0 or 1 when the whole profile is on one side.
    /// </summary>
    public float ShareBeyond(float depth, float rate, float offsetMm)
    {
        if (MathF.Abs(depth) >= MathF.Abs(rate) * ReachMm) return depth < 0f ? 1f : 0f;
        var crossing = offsetMm - depth / rate; // the offset where the profile meets the surface
        var below = Cumulative(crossing);
        return rate > 0f ? below : 1f - below;
    }

    private static float IntegralOfNormalCdf(float x) => x * NormalCdf(x) + MathF.Exp(-0.5f * x * x) * 0.3989423f;

    /// <summary>
    /// Φ(x) from Abramowitz and Stegun 7.1.26 (|error| &lt; 1.5e-7): .NET has no erf, and this runs only where a
    /// slice profile meets the inner table.
    /// </summary>
    internal static float NormalCdf(float x)
    {
        var z = MathF.Abs(x) * 0.70710678f;
        var t = 1f / (1f + 0.3275911f * z);
        var poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
        var erf = 1f - poly * MathF.Exp(-z * z);
        return x >= 0f ? 0.5f * (1f + erf) : 0.5f * (1f - erf);
    }
}
