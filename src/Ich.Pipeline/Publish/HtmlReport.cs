using System.Globalization;
using System.Net;
using System.Text;
using Ich.Inference.Models;
using Ich.Pipeline.Runs;

namespace Ich.Pipeline.Publish;

/// <summary>
/// The self-contained HTML report: the notice, a findings table, a per-slice probability strip (inline SVG) and the
/// overlays embedded as data: URIs, so the file opens offline from a copied folder or a blob link.
/// </summary>
internal static class HtmlReport
{
    public static string Build(PublishRequest request, SeriesResult result)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
        var f = request.Findings;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ICH findings (decision support)</title><style>")
            .Append("body{font-family:sans-serif;margin:1.5em;background:#fff;color:#111}.notice{background:#fff3cd;border:2px solid #d39e00;padding:.6em;font-weight:bold}")
            .Append("table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25em .6em}.pos{color:#b00;font-weight:bold}")
            .Append(".overlays img{width:256px;height:256px;margin:4px}figure{display:inline-block;margin:0}figcaption{font-size:.8em}</style></head><body>");
        html.Append("<p class=\"notice\" id=\"notice\">").Append(E(f.Notice)).Append("</p>");
        html.Append("<h1>Intracranial hemorrhage: findings</h1>");
        html.Append("<p id=\"summary\">").Append(E(PublishOperator.Summary(f))).Append("</p>");
        html.Append("<p>Study ").Append(E(request.Selection.StudyInstanceUid)).Append(", ").Append(E(request.Selection.SeriesLabel))
            .Append(", ").Append(request.Selection.Instances.Count).Append(" slices. Model ").Append(E(f.Model)).Append(".</p>");
        html.Append("<table id=\"findings\"><tr><th>label</th><th>probability</th><th>result</th></tr>");
        foreach (var (label, finding) in f.Labels)
        {
            var verdict = finding.Probability is null ? "not run (two-type stage negative)" : finding.Positive ? "positive" : "negative";
            html.Append("<tr><td>").Append(E(label)).Append("</td><td>")
                .Append(finding.Probability is { } p ? p.ToString("0.000", CultureInfo.InvariantCulture) : "—")
                .Append("</td><td").Append(finding.Positive ? " class=\"pos\"" : "").Append('>').Append(verdict).Append("</td></tr>");
        }

        html.Append("</table>");
        if (result.Warnings.Count > 0)
        {
            html.Append("<h2>Warnings</h2><ul id=\"warnings\">");
            foreach (var w in result.Warnings) html.Append("<li>").Append(E(w)).Append("</li>");
            html.Append("</ul>");
        }

        html.Append("<h2>Per-slice p(any hemorrhage), inferior → superior</h2>").Append(Strip(f));
        var images = PublishOperator.OnePerSlice(request.Explanation);
        html.Append("<h2>Slices predicted positive</h2>");
        if (images.Count == 0) html.Append("<p>No slice predicted positive.</p>");
        html.Append("<div class=\"overlays\">");
        foreach (var image in images)
        {
            html.Append("<figure><img alt=\"slice ").Append(image.SliceIndex + 1).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(File.ReadAllBytes(image.Path))).Append("\"><figcaption>slice ").Append(image.SliceIndex + 1)
                .Append(image.Label is null ? " (no heatmap)" : $" — Grad-CAM {E(image.Label)}").Append("</figcaption></figure>");
        }

        html.Append("</div><p class=\"notice\">").Append(E(f.Notice)).Append("</p>");
        // Lets a headless browser's DOM dump prove the images decoded (naturalWidth is 0 for a broken image).
        html.Append("<script>window.addEventListener('load',function(){var n=0;for(var i of document.images){if(i.complete&&i.naturalWidth>0)n++;}")
            .Append("document.body.setAttribute('data-images-shown',String(n));});</script></body></html>");
        return html.ToString();
    }

    private static string Strip(Infer.SeriesFindings f)
    {
        const int barWidth = 12, height = 100;
        var width = Math.Max(1, f.Slices.Count) * barWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"strip\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + 2}\" role=\"img\" aria-label=\"per-slice probability\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#eee\"/>");
        for (var z = 0; z < f.Slices.Count; z++)
        {
            var p = f.Slices[z].Probabilities[ModelLabels.Any] ?? 0;
            var h = p * height;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{z * barWidth + 1}\" y=\"{height - h:0.#}\" width=\"{barWidth - 2}\" height=\"{h:0.#}\" fill=\"{(p >= 0.5 ? "#c00" : "#48a")}\"><title>slice {z + 1}: {p:0.000}</title></rect>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" x2=\"{width}\" y1=\"{height / 2}\" y2=\"{height / 2}\" stroke=\"#333\" stroke-dasharray=\"4 3\"/></svg>");
        return svg.ToString();
    }
}
