namespace Ich.Evaluation.Readers;

/// <summary>Mean and sample standard deviation (n − 1 denominator) of one metric across readers.</summary>
/// <param name="Mean">The mean of the defined values; NaN when none is defined.</param>
/// <param name="StandardDeviation">The sample standard deviation; NaN with fewer than two defined values.</param>
/// <param name="Count">How many readers had a defined value (NaN values are left out).</param>
public readonly record struct MeanSd(double Mean, double StandardDeviation, int Count)
{
    /// <summary>Summarises the defined (non-NaN) values.</summary>
    /// <param name="values">One value per reader.</param>
    public static MeanSd Of(IEnumerable<double> values)
    {
        var defined = values.Where(v => !double.IsNaN(v)).ToArray();
        if (defined.Length == 0)
        {
            return new MeanSd(double.NaN, double.NaN, 0);
        }

        var mean = defined.Average();
        var sd = defined.Length < 2
            ? double.NaN
            : Math.Sqrt(defined.Sum(v => (v - mean) * (v - mean)) / (defined.Length - 1));
        return new MeanSd(mean, sd, defined.Length);
    }
}
