namespace Ich.Evaluation.Metrics;

/// <summary>The metrics <see cref="BinaryMetrics"/> reports and <see cref="Bootstrap"/> gives intervals for.</summary>
public enum Metric
{
    /// <summary>Area under the ROC curve (Mann–Whitney, ties counted half).</summary>
    Auc,

    /// <summary>TP / (TP + FN), the true-positive rate.</summary>
    Sensitivity,

    /// <summary>TN / (TN + FP), the true-negative rate.</summary>
    Specificity,

    /// <summary>(TP + TN) / n.</summary>
    Accuracy,

    /// <summary>2·TP / (2·TP + FP + FN).</summary>
    F1,

    /// <summary>TP / (TP + FP), the positive predictive value.</summary>
    Precision,
}

/// <summary>Names of <see cref="Metric"/> values as they appear in reports.</summary>
public static class MetricNames
{
    /// <summary>Every metric, in report order.</summary>
    public static IReadOnlyList<Metric> All { get; } =
        [Metric.Auc, Metric.Sensitivity, Metric.Specificity, Metric.Accuracy, Metric.F1, Metric.Precision];

    /// <summary>The snake-case key used in JSON reports (<c>auc</c>, <c>sensitivity</c>, …).</summary>
    /// <param name="metric">The metric.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined metric.</exception>
    public static string JsonKey(this Metric metric) => metric switch
    {
        Metric.Auc => "auc",
        Metric.Sensitivity => "sensitivity",
        Metric.Specificity => "specificity",
        Metric.Accuracy => "accuracy",
        Metric.F1 => "f1",
        Metric.Precision => "precision",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a defined metric."),
    };
}
