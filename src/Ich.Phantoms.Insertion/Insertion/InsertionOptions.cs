namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>How <see cref="BleedInserter"/> draws its studies. Unset values are drawn per study.</summary>
public sealed record InsertionOptions
{
    private readonly double _prevalence = PhantomOptions.DefaultPrevalence;
    private readonly float _labelAreaMm2 = DefaultLabelAreaMm2;

    /// <summary>Default smallest mask area that makes a slice positive for a subtype, mm².</summary>
    public const float DefaultLabelAreaMm2 = 10f;

    /// <summary>Share of studies with hemorrhage, 0…1.</summary>
    public double Prevalence
    {
        get => _prevalence;
        init
        {
            if (double.IsNaN(value) || value < 0 || value > 1) throw new ArgumentOutOfRangeException(nameof(Prevalence), value, "Prevalence must lie between 0 and 1.");
            _prevalence = value;
        }
    }

    /// <summary>The subtypes that may be inserted (all five by default).</summary>
    public IReadOnlyList<HemorrhageSubtype> Subtypes { get; init; } = HemorrhageSubtypes.All;

    /// <summary>Output slice thickness, mm; drawn from 2.5, 3, 4, 5 mm (never thinner than the background) when null.</summary>
    public float? SliceThicknessMm { get; init; }

    /// <summary>A slice is positive for a subtype when that subtype's mask covers at least this area in it, mm².</summary>
    public float LabelAreaMm2
    {
        get => _labelAreaMm2;
        init
        {
            if (!(value > 0)) throw new ArgumentOutOfRangeException(nameof(LabelAreaMm2), value, "The label area must be positive.");
            _labelAreaMm2 = value;
        }
    }

    /// <summary>Largest in-plane rotation of a re-acquisition, degrees.</summary>
    public float MaxRotationDegrees { get; init; } = 4f;

    /// <summary>Largest in-plane shift of a re-acquisition, mm.</summary>
    public float MaxShiftMm { get; init; } = 6f;

    /// <summary>Probability that a re-acquisition adds noise (matched to the background's texture) on top of its own.</summary>
    public double AddedNoiseProbability { get; init; } = 0.5;

    /// <summary>Forces every study to have (true) or not have (false) hemorrhage; null uses <see cref="Prevalence"/>.</summary>
    public bool? Hemorrhage { get; init; }
}
