using System.Globalization;
using Ich.Evaluation.Reports;

namespace Ich.Evaluation.Plots;

/// <summary>
/// ROC curves as PNG: one line per label with its AUC in the legend, the chance diagonal dashed, axes
/// "1 − specificity" and "sensitivity" over [0, 1]. A label whose curve is undefined (one class absent) has no
/// line and is listed in the legend as "AUC n/a". Renders headless (SkiaSharp raster, embedded font).
/// </summary>
public static class RocPlot
{
    /// <summary>Default image width in pixels.</summary>
    public const int DefaultWidth = 800;

    /// <summary>Default image height in pixels.</summary>
    public const int DefaultHeight = 700;

    /// <summary>One level of a report (e.g. <see cref="EvaluationReport.Subject"/>) as a PNG.</summary>
    /// <param name="labels">The level's labels.</param>
    /// <param name="title">The plot title, e.g. "Subject level".</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The PNG bytes.</returns>
    public static byte[] RenderPng(IReadOnlyList<LabelEvaluation> labels, string title, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return RenderPng(labels.Select(l => new RocSeries(l.Label, l.Roc, l.Metrics.Auc)).ToList(), title, width, height);
    }

    /// <summary>Any ROC curves as a PNG.</summary>
    /// <param name="series">One entry per line.</param>
    /// <param name="title">The plot title.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The PNG bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 100 pixels.</exception>
    public static byte[] RenderPng(IReadOnlyList<RocSeries> series, string title, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        EmbeddedFont.Register();

        var plot = new ScottPlot.Plot();
        plot.Font.Set(EmbeddedFont.FamilyName);
        plot.Title(title);
        plot.XLabel("1 − specificity");
        plot.YLabel("sensitivity");

        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.Color = ScottPlot.Colors.Gray;
        diagonal.LinePattern = ScottPlot.LinePattern.Dashed;
        diagonal.LineWidth = 1;

        // The legend is built by hand, in series order, so undefined curves keep their place without a line.
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = palette.GetColor(i);
            var legend = new ScottPlot.LegendItem { LineColor = color, LineWidth = 2 };
            plot.Legend.ManualItems.Add(legend);
            if (!s.Curve.IsDefined)
            {
                legend.LabelText = $"{s.Label} (AUC n/a: {s.Curve.UndefinedReason})";
                continue;
            }

            legend.LabelText = string.Create(CultureInfo.InvariantCulture, $"{s.Label} (AUC {s.Auc:0.000})");
            var line = plot.Add.Scatter(
                s.Curve.Points.Select(p => p.FalsePositiveRate).ToArray(),
                s.Curve.Points.Select(p => p.TruePositiveRate).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 0;
        }

        plot.Axes.SetLimits(-0.01, 1.01, -0.01, 1.01);
        plot.Legend.Alignment = ScottPlot.Alignment.LowerRight;
        plot.ShowLegend();
        return plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
    }

    /// <summary>Writes <see cref="RenderPng(IReadOnlyList{LabelEvaluation}, string, int, int)"/> to a file.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="labels">The level's labels.</param>
    /// <param name="title">The plot title.</param>
    public static void SavePng(string path, IReadOnlyList<LabelEvaluation> labels, string title) =>
        File.WriteAllBytes(path, RenderPng(labels, title));
}
