namespace Ich.Evaluation.Metrics;

/// <summary>The four cells of a binary confusion matrix.</summary>
/// <param name="TruePositives">Positive and called positive.</param>
/// <param name="FalsePositives">Negative but called positive.</param>
/// <param name="TrueNegatives">Negative and called negative.</param>
/// <param name="FalseNegatives">Positive but called negative.</param>
public readonly record struct ConfusionCounts(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    /// <summary>Number of positive cases (TP + FN).</summary>
    public long Positives => TruePositives + FalseNegatives;

    /// <summary>Number of negative cases (TN + FP).</summary>
    public long Negatives => TrueNegatives + FalsePositives;

    /// <summary>All cases.</summary>
    public long Total => Positives + Negatives;
}
