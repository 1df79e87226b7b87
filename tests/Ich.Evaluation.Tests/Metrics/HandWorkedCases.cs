namespace Ich.Evaluation.Tests.Metrics;

/// <summary>
/// Ten cases whose metrics are worked out by hand below (scores sorted for reading; the tests shuffle them).
/// <code>
///  case  0    1    2    3    4    5    6    7    8    9
///  truth +    +    −    +    −    +    −    −    −    −
///  score 0.9  0.8  0.7  0.6  0.5  0.4  0.4  0.3  0.2  0.1
/// </code>
/// P = 4, N = 6. At threshold 0.5 (p ≥ 0.5 positive): called positive = cases 0–4, so TP = 3 (0, 1, 3),
/// FP = 2 (2, and 4 exactly at 0.5), FN = 1 (5), TN = 4 (6–9).
/// accuracy = 7/10; sensitivity = 3/4; specificity = 4/6; precision = 3/5; F1 = 2·3 / (2·3 + 2 + 1) = 6/9.
/// Mann–Whitney: per positive, negatives scored lower plus ½ per tied negative:
/// 0.9 → 6; 0.8 → 6; 0.6 → 5 (all but 0.7); 0.4 → 3 + ½ (tie with case 6). U = 20.5, AUC = 20.5 / 24.
/// </summary>
internal static class HandWorkedCases
{
    public static readonly bool[] SortedTruth = [true, true, false, true, false, true, false, false, false, false];
    public static readonly double[] SortedScore = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.4, 0.3, 0.2, 0.1];

    /// <summary>The same cases in a fixed shuffled order, so nothing relies on the input being sorted.</summary>
    private static readonly int[] Shuffle = [6, 2, 9, 0, 4, 7, 1, 5, 8, 3];

    public static bool[] Truth => Shuffle.Select(i => SortedTruth[i]).ToArray();

    public static double[] Score => Shuffle.Select(i => SortedScore[i]).ToArray();

    public const double Auc = 20.5 / 24;
}
