namespace Ich.Evaluation.Metrics;

/// <summary>A bootstrap percentile interval.</summary>
/// <param name="Lower">The lower percentile; NaN when no resample defined the metric.</param>
/// <param name="Upper">The upper percentile; NaN when no resample defined the metric.</param>
/// <param name="DefinedResamples">How many resamples gave a defined (non-NaN) value; resamples that lacked a
/// class, say, do not count towards the percentiles.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper, int DefinedResamples)
{
    /// <summary>True when at least one resample defined the metric.</summary>
    public bool IsDefined => DefinedResamples > 0;
}
