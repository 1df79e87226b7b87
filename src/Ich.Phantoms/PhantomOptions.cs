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

    /// <summary>Slice thickness in mm (2.5–5); drawn from 2.5, 3, 4 or 5 mm when null.</summary>
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

    /// <summary>Omit quantum noise (for measuring the underlying image).</summary>
    public bool NoiseFree { get; init; }

    /// <summary>Forces every subject to have (true) or not have (false) hemorrhage; null uses <see cref="Prevalence"/>.</summary>
    public bool? Hemorrhage { get; init; }
}
