using Ich.Evaluation.Reports;

namespace Ich.Evaluation.Tests.Reports;

public class MarkdownReportTests
{
    [Fact]
    public void Table3_OneModel_HasSubjectAndSliceTablesWithTheDocumentedColumns()
    {
        var text = MarkdownReport.Table3(EvaluationReportTests.SampleReport(), "Sub-Lab");
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal(2, lines.Count(l => l == "| Label | AUC (95% CI) | Sensitivity | Specificity | Accuracy | F1 | n+/n− |"));
        Assert.True(lines.IndexOf("## Subject level") < lines.IndexOf("## Slice level"));
    }

    [Fact]
    public void Table3_Row_ShowsHandWorkedValuesToThreeDecimals()
    {
        // AUC 20.5/24 = 0.854, sensitivity 0.750, specificity 0.667, accuracy 0.700, F1 0.667, 4 positives / 6 negatives.
        var report = EvaluationReportTests.SampleReport();
        var ci = report.Subject[0].Intervals[Ich.Evaluation.Metrics.Metric.Auc];
        var expected = $"| any | 0.854 ({ci.Lower:0.000}–{ci.Upper:0.000}) | 0.750 | 0.667 | 0.700 | 0.667 | 4/6 |";

        var text = MarkdownReport.Table3(report, "Sub-Lab");

        Assert.Contains(expected, text);
    }

    [Fact]
    public void Table3_UndefinedAuc_IsNotApplicableWithTheReason()
    {
        // epidural: no positives; scores 0.9–0.5 are 5 FPs, the rest 5 TNs: specificity = accuracy = 0.5, F1 = 0.
        var text = MarkdownReport.Table3(EvaluationReportTests.SampleReport(), "Sub-Lab");

        Assert.Contains("| epidural | n/a | n/a | 0.500 | 0.500 | 0.000 | 0/10 |", text);
        Assert.Contains("- AUC n/a for epidural: no positive cases: AUC needs both classes.", text);
    }

    [Fact]
    public void Table3_TwoModels_ShowsEachMetricSideBySide()
    {
        var report = EvaluationReportTests.SampleReport();

        var text = MarkdownReport.Table3(report, "Sli-Lab", report, "Sub-Lab");

        Assert.Contains("| Label | AUC (95% CI) Sli-Lab | AUC (95% CI) Sub-Lab | Sensitivity Sli-Lab | Sensitivity Sub-Lab |", text);
        Assert.Contains("| 0.750 | 0.750 | 0.667 | 0.667 |", text);
    }

    [Fact]
    public void Table3_SecondModelWithoutName_Throws()
    {
        var report = EvaluationReportTests.SampleReport();

        Assert.Throws<ArgumentException>(() => MarkdownReport.Table3(report, "Sli-Lab", report));
    }
}
