using System.Globalization;

namespace Ich.Phantoms;

/// <summary>
/// The scanner of one study as drawn: its HU calibration, grey–white contrast, noise level and reconstruction kernel
/// (the geometry — thickness, pixel spacing, tilt — is in <see cref="StudyGeometry"/>).
/// </summary>
/// <param name="CalibrationOffsetHu">How far water reads off, HU; a tissue of h HU reads h + offset·(1 + h/1000).</param>
/// <param name="GreyWhiteContrast">Factor on the grey–white matter difference of the head model.</param>
/// <param name="NoiseSdAt5MmHu">Quantum noise SD in brain for a 5 mm slice, HU.</param>
/// <param name="KernelSharpness">0 = smooth … 1 = standard soft-tissue kernel.</param>
public sealed record ScannerSettings(float CalibrationOffsetHu, float GreyWhiteContrast, float NoiseSdAt5MmHu, float KernelSharpness)
{
    /// <summary>Point spread σ of the smoothest kernel, mm.</summary>
    public const float SmoothPointSpreadSigmaMm = 0.95f;

    /// <summary>Point spread σ of a standard soft-tissue kernel, mm.</summary>
    public const float StandardPointSpreadSigmaMm = 0.62f;

    /// <summary>Noise correlation scale of the smoothest kernel, mm.</summary>
    public const float SmoothNoiseCorrelationMm = 0.7f;

    /// <summary>Noise correlation scale of a standard soft-tissue kernel, mm (autocorrelation 1/e at ~0.8 mm).</summary>
    public const float StandardNoiseCorrelationMm = 0.44f;

    /// <summary>The reference scanner: true calibration and contrast, 4.5 HU at 5 mm, standard kernel.</summary>
    public static ScannerSettings Reference { get; } = new(0f, 1f, 4.5f, 1f);

    /// <summary>In-plane point spread (Gaussian σ), mm.</summary>
    public float PointSpreadSigmaMm => Lerp(SmoothPointSpreadSigmaMm, StandardPointSpreadSigmaMm);

    /// <summary>Correlation scale of the quantum noise texture, mm.</summary>
    public float NoiseCorrelationMm => Lerp(SmoothNoiseCorrelationMm, StandardNoiseCorrelationMm);

    /// <summary>"smooth" below sharpness 0.5, else "standard".</summary>
    public string KernelName => KernelSharpness < 0.5f ? "smooth" : "standard";

    /// <summary>A Siemens-style soft-tissue kernel name, H20s (smooth) … H30s (standard), for Convolution Kernel.</summary>
    public string ConvolutionKernel =>
        "H" + (20 + (int)MathF.Round(10f * KernelSharpness)).ToString(CultureInfo.InvariantCulture) + "s";

    /// <summary>Noise SD of a slice of <paramref name="thicknessMm"/>: fewer photons per voxel in thinner slices, ∝ 1/√thickness.</summary>
    public float NoiseSdHu(float thicknessMm) => NoiseSdAt5MmHu * MathF.Sqrt(5f / thicknessMm);

    /// <summary>HU as this scanner reads a tissue of <paramref name="hu"/> (air stays −1000).</summary>
    public float Calibrate(float hu) => hu + CalibrationOffsetHu * (1f + hu / 1000f);

    private float Lerp(float smooth, float standard) => smooth + (standard - smooth) * KernelSharpness;
}
