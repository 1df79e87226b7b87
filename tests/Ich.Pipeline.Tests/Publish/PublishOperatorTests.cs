using System.Diagnostics;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Ich.Pipeline.Explain;
using Ich.Pipeline.Infer;
using Ich.Pipeline.Publish;
using Ich.Pipeline.Runs;
using Ich.Pipeline.Tests.Fixtures;

namespace Ich.Pipeline.Tests.Publish;

[Collection(PipelineCollection.Name)]
public sealed class PublishOperatorTests(PipelineFixture fixture)
{
    /// <summary>Publishes the phantom series with one plain image and one heat overlay of slice 10 (a real slice, a hot square).</summary>
    private (SeriesResult Result, string Folder) Publish()
    {
        var folder = fixture.NewFolder();
        var series = fixture.Normalize();
        var inference = InferOperator.Run(series, fixture.Model, allStages: true);
        var v = series.Volume;
        var heat = new float[v.Width * v.Height];
        for (var r = 100; r < 140; r++) for (var c = 100; c < 140; c++) heat[r * v.Width + c] = 1f;
        Directory.CreateDirectory(Path.Combine(folder, "overlays"));
        var plain = Path.Combine(folder, "overlays", "plain.png");
        var hot = Path.Combine(folder, "overlays", "hot.png");
        File.WriteAllBytes(plain, OverlayRenderer.EncodePng(OverlayRenderer.Render(v.Slice(10).Span, v.Width, v.Height), v.Width, v.Height));
        File.WriteAllBytes(hot, OverlayRenderer.EncodePng(OverlayRenderer.Render(v.Slice(10).Span, v.Width, v.Height, heat), v.Width, v.Height));
        var uid = v.SopInstanceUids[10];
        var explanation = new ExplainOutput([new SliceImage(uid, 10, "any", hot)], [new SliceImage(uid, 10, null, plain)], []);
        return (PublishOperator.Run(new PublishRequest(folder, series.Selection, inference.Findings, explanation, ["test warning"])), folder);
    }

    private static (string Iod, string[] Errors) Dciodvfy(string path)
    {
        var start = new ProcessStartInfo("dciodvfy", path) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(start)!;
        var text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (lines.FirstOrDefault(l => !l.StartsWith("Error", StringComparison.Ordinal) && !l.StartsWith("Warning", StringComparison.Ordinal)) ?? "",
            lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void GivenAnAnalysedSeries_WhenPublished_ThenResultsJsonCarriesTheFindingsAndTheNotice()
    {
        var (result, folder) = Publish();

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, PublishOperator.ResultsFile)));
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(6, json.RootElement.GetProperty("labels").EnumerateObject().Count());
        Assert.Equal(result.Slices.Count, json.RootElement.GetProperty("slices").GetArrayLength());
        Assert.Contains("not a diagnosis", json.RootElement.GetProperty("notice").GetString());
        Assert.True(File.Exists(Path.Combine(folder, PublishOperator.MontageFile)));
    }

    [Fact]
    public void GivenThePublishedDicom_WhenDciodvfyChecksIt_ThenTheScAndSrHaveNoErrorsAndReferenceTheSourceStudy()
    {
        var (result, _) = Publish();

        var (srIod, srErrors) = Dciodvfy(result.Outputs["structuredReport"]);
        var (scIod, scErrors) = Dciodvfy(result.Outputs["secondaryCapture"]);

        Assert.True(srErrors.Length == 0, srIod + "\n" + string.Join('\n', srErrors));
        Assert.True(scErrors.Length == 0, scIod + "\n" + string.Join('\n', scErrors));
        Assert.Contains("SR", srIod);
        Assert.Equal("SCImage", scIod);
        var sc = Ich.Dicom.DicomReader.Read(result.Outputs["secondaryCapture"]).Dataset;
        Assert.Equal(fixture.Select().StudyInstanceUid, sc.GetString(Ich.Dicom.DicomTags.StudyInstanceUID));
        var referenced = Assert.Single(sc.GetSequence(Ich.Dicom.DicomTags.ReferencedSeriesSequence));
        Assert.Equal(fixture.Select().SeriesInstanceUid, referenced.GetString(Ich.Dicom.DicomTags.SeriesInstanceUID));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenTheFhirReport_WhenTheFirelyParserReadsIt_ThenItIsAPreliminaryDiagnosticReportWithTheNotice()
    {
        var (result, _) = Publish();

        var options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
        var report = JsonSerializer.Deserialize<DiagnosticReport>(await File.ReadAllTextAsync(result.Outputs["fhir"]), options)!;

        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Preliminary, report.Status);
        Assert.Contains("not a diagnosis", report.Conclusion);
        Assert.Equal("#study", Assert.Single(report.ImagingStudy).Reference);
    }

    [Fact]
    public void GivenTheHtmlReport_WhenHeadlessChromiumRendersIt_ThenTheFindingsAndTheImagesShow()
    {
        var (result, folder) = Publish();
        var html = result.Outputs["html"];
        var screenshot = Path.Combine(folder, "shot.png");

        var dom = Chromium("--dump-dom", new Uri(html).AbsoluteUri);
        Chromium($"--screenshot={screenshot}", "--window-size=1200,1600", new Uri(html).AbsoluteUri);

        Assert.Contains("not a diagnosis", dom);
        Assert.Contains("id=\"findings\"", dom);
        Assert.Contains("intraparenchymal", dom);
        Assert.Contains("data-images-shown=\"1\"", dom);
        using var shot = SkiaSharp.SKBitmap.Decode(screenshot);
        var colours = Enumerable.Range(0, 200).Select(i => shot.GetPixel(i * shot.Width / 200, 300 + i * 4)).Distinct().Count();
        Assert.True(colours > 3, $"the screenshot shows {colours} colours: the page did not render");
    }

    private static string Chromium(params string[] arguments)
    {
        var start = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000" }.Concat(arguments)) start.ArgumentList.Add(a);
        using var p = Process.Start(start) ?? throw new InvalidOperationException("chromium (Debian package chromium) is not installed.");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException("chromium did not finish in 60 s"); }
        _ = stderr.Result;
        return stdout;
    }
}
