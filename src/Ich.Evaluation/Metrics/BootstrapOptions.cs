namespace Ich.Evaluation.Metrics;

/// <summary>How <see cref="Bootstrap"/> resamples: percentile intervals from seeded resamples of subjects (or of
/// groups, e.g. studies, so that the slices of one study move together).</summary>
public sealed record BootstrapOptions
{
    private readonly int _resamples = 1000;
    private readonly double _confidence = 0.95;

    /// <summary>Number of resamples; 1000 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int Resamples
    {
        get => _resamples;
        init => _resamples = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Resamples), value, "At least one resample is needed.");
    }

    /// <summary>Two-sided confidence level in (0, 1); 0.95 by default, i.e. the 2.5th and 97.5th percentiles.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside (0, 1).</exception>
    public double Confidence
    {
        get => _confidence;
        init => _confidence = value is > 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Confidence), value, "The confidence level must lie in (0, 1).");
    }

    /// <summary>Seed of the resampling; the same seed and data give the same intervals.</summary>
    public int Seed { get; init; } = 2019;
}
