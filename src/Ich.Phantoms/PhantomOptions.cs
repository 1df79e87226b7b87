namespace Ich.Phantoms;

/// <summary>How to generate phantom studies. Unset values are drawn per subject.</summary>
public sealed record PhantomOptions
{
    /// <summary>Default share of subjects with hemorrhage (65 %, as in Ye et al. 2019).</summary>
    public const double DefaultPrevalence = 0.65;

    private readonly int _matrix = 512;
    private readonly double _prevalence = DefaultPrevalence;
    private readonly float? _sliceThicknessMm;
    private readonly int? _sliceCount;
    private readonly float? _pixelSpacingMm;
    private readonly float? _gantryTiltDegrees;
    private readonly float? _calibrationOffsetHu;
    private readonly float? _greyWhiteContrast;
    private readonly float? _noiseSdAt5MmHu;
    private readonly float? _kernelSharpness;

    /// <summary>Largest gantry tilt, degrees (head CT tilts up to 30° to spare the lenses).</summary>
    public const float MaxGantryTiltDegrees = 30f;

    /// <summary>Rows = columns of each slice: 64…512, a multiple of 2 (512 as in clinical head CT; 256/128 for training).</summary>
    public int Matrix
    {
        get => _matrix;
        init
        {
            if (value < 64 || value > 512 || value % 2 != 0)
                throw new ArgumentOutOfRangeException(nameof(Matrix), value, "The matrix must be an even number from 64 to 512.");
            _matrix = value;
        }
    }

    /// <summary>Probability that a subject has at least one hemorrhage, 0…1.</summary>
    public double Prevalence
    {
        get => _prevalence;
        init
        {
            if (double.IsNaN(value) || value < 0 || value > 1)
                throw new ArgumentOutOfRangeException(nameof(Prevalence), value, "Prevalence must lie between 0 and 1.");
            _prevalence = value;
        }
    }

    /// <summary>
    /// Slice thickness in mm (0.5–10); when null drawn from a clinical mix: 5 mm (45 %), 4 and 3 mm (10 % each),
    /// 2.5 mm (15 %), 1.25 and 1 mm (5 % each), 0.625 mm (10 %).
    /// </summary>
    public float? SliceThicknessMm
    {
        get => _sliceThicknessMm;
        init
        {
            if (value is { } v && (float.IsNaN(v) || v < 0.5f || v > 10f))
                throw new ArgumentOutOfRangeException(nameof(SliceThicknessMm), value, "Slice thickness must lie between 0.5 and 10 mm.");
            _sliceThicknessMm = value;
        }
    }

    /// <summary>
    /// Number of slices; when null, enough to cover skull base to vertex. When set without a thickness, the
    /// thickness is chosen so the slices cover the head.
    /// </summary>
    public int? SliceCount
    {
        get => _sliceCount;
        init
        {
            if (value is { } v && (v < 1 || v > 400))
                throw new ArgumentOutOfRangeException(nameof(SliceCount), value, "Slice count must lie between 1 and 400.");
            _sliceCount = value;
        }
    }

    /// <summary>
    /// Draw each study's matrix (512² for 70 %, 256² for 30 %) instead of using <see cref="Matrix"/>; pixel spacing
    /// then follows the field of view (0.4–0.5 mm at 512², 0.8–1 mm at 256²).
    /// </summary>
    public bool VaryMatrix { get; init; }

    /// <summary>
    /// In-plane pixel spacing, mm (0.2–4); null draws the field of view (205–256 mm, wide enough for the head), so
    /// 0.4–0.5 mm at 512² and 0.8–1 mm at 256².
    /// </summary>
    public float? PixelSpacingMm
    {
        get => _pixelSpacingMm;
        init => _pixelSpacingMm = InRange(value, 0.2f, 4f, nameof(PixelSpacingMm), "Pixel spacing must lie between 0.2 and 4 mm.");
    }

    /// <summary>
    /// Gantry/Detector Tilt, degrees (−30…30): slices tilted about the patient's left–right axis, stacked along the
    /// table. Sign as DICOM defines it for a head-first supine patient: negative raises the anterior edge of the
    /// slice (along the orbitomeatal line). Null draws 0 for 75 % of studies, otherwise 5–30° (negative for 70 %).
    /// </summary>
    public float? GantryTiltDegrees
    {
        get => _gantryTiltDegrees;
        init => _gantryTiltDegrees = InRange(value, -MaxGantryTiltDegrees, MaxGantryTiltDegrees, nameof(GantryTiltDegrees),
            $"Gantry tilt must lie between -{MaxGantryTiltDegrees} and {MaxGantryTiltDegrees} degrees.");
    }

    /// <summary>
    /// Scanner calibration error, HU (−30…30): water reads this much off, so a tissue of h HU reads
    /// h + offset·(1 + h/1000) and air stays −1000. Null draws −6…6 HU (real scanners differ ~10 HU in brain).
    /// </summary>
    public float? CalibrationOffsetHu
    {
        get => _calibrationOffsetHu;
        init => _calibrationOffsetHu = InRange(value, -30f, 30f, nameof(CalibrationOffsetHu), "Calibration offset must lie between -30 and 30 HU.");
    }

    /// <summary>Factor on the grey–white matter difference (0.5–1.5; 1 = the head model's 7–9.5 HU); null draws 0.8–1.2.</summary>
    public float? GreyWhiteContrast
    {
        get => _greyWhiteContrast;
        init => _greyWhiteContrast = InRange(value, 0.5f, 1.5f, nameof(GreyWhiteContrast), "Grey-white contrast factor must lie between 0.5 and 1.5.");
    }

    /// <summary>
    /// Quantum noise SD in brain at 5 mm, HU (0–30); a slice of thickness t has √(5/t) times as much (0.625 mm: 2.8×).
    /// Null draws 2.5–7.5 HU log-uniformly (real scanners differ 3× in noise).
    /// </summary>
    public float? NoiseSdAt5MmHu
    {
        get => _noiseSdAt5MmHu;
        init => _noiseSdAt5MmHu = InRange(value, 0f, 30f, nameof(NoiseSdAt5MmHu), "Noise SD must lie between 0 and 30 HU.");
    }

    /// <summary>
    /// Reconstruction kernel from smooth (0) to standard soft tissue (1): point spread σ 0.95 → 0.62 mm and noise
    /// correlation scale 0.7 → 0.44 mm. Null draws 0–1 uniformly.
    /// </summary>
    public float? KernelSharpness
    {
        get => _kernelSharpness;
        init => _kernelSharpness = InRange(value, 0f, 1f, nameof(KernelSharpness), "Kernel sharpness must lie between 0 (smooth) and 1 (standard).");
    }

    /// <summary>Omit quantum noise (for measuring the underlying image).</summary>
    public bool NoiseFree { get; init; }

    /// <summary>Forces every subject to have (true) or not have (false) hemorrhage; null uses <see cref="Prevalence"/>.</summary>
    public bool? Hemorrhage { get; init; }

    private static float? InRange(float? value, float min, float max, string name, string message) =>
        value is { } v && (float.IsNaN(v) || v < min || v > max) ? throw new ArgumentOutOfRangeException(name, value, message) : value;
}
