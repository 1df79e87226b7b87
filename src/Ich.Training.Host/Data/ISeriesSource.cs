namespace Ich.Training.Host.Data;

/// <summary>An endless, deterministic supply of labelled series: item i is always the same series.</summary>
public interface ISeriesSource
{
    /// <summary>What the source holds, for the model card.</summary>
    string Description { get; }

    /// <summary>Series <paramref name="index"/> (0 or more).</summary>
    LabelledSeries Get(int index);
}
