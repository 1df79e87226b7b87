using Ich.Inference.Client.Contract;
using Ich.Inference.Models;
using Ich.Pipeline.Infer;
using Ich.Pipeline.Normalize;

namespace Ich.Pipeline.Explain;

/// <summary>One image Explain wrote for a slice predicted positive.</summary>
/// <param name="SopInstanceUid">The source slice.</param>
/// <param name="SliceIndex">Its index, inferior → superior.</param>
/// <param name="Label">The label the heatmap explains; null for the plain brain-window image.</param>
/// <param name="Path">The PNG.</param>
public sealed record SliceImage(string SopInstanceUid, int SliceIndex, string? Label, string Path);

/// <summary>What Explain wrote: Grad-CAM overlays per positive slice and label, plain brain-window images of the positive slices, and warnings.</summary>
/// <param name="Heatmaps">Overlays (brain window with the Grad-CAM heat map), one per positive slice and predicted label.</param>
/// <param name="SliceImages">Brain-window images of the positive slices, without heat.</param>
/// <param name="Warnings">E.g. "no Grad-CAM output in this model".</param>
public sealed record ExplainOutput(IReadOnlyList<SliceImage> Heatmaps, IReadOnlyList<SliceImage> SliceImages, IReadOnlyList<string> Warnings);

/// <summary>A Grad-CAM map brought onto one source slice.</summary>
/// <param name="SliceIndex">The slice, inferior → superior.</param>
/// <param name="Label">The label it explains.</param>
/// <param name="Heat">Width × height values in 0…1 (maximum 1 unless the map is all 0), row-major.</param>
public sealed record ProjectedHeatmap(int SliceIndex, string Label, float[] Heat);

/// <summary>
/// Explain: Grad-CAM heatmaps for every slice predicted positive (slice p(any) ≥ 0.5), per predicted label, brought
/// back to the original slice geometry, written as overlay PNGs. A model without a Grad-CAM output gets a warning
/// and no heatmaps — never made-up ones. The maps come from an in-process run or from the inference service's
/// response; both go through one path (<see cref="Run(NormalizedSeries, SeriesFindings, GradCamSet?, string)"/>).
/// </summary>
public static class ExplainOperator
{
    /// <summary>The warning for a model without Grad-CAM.</summary>
    public const string NoGradCamWarning = "no Grad-CAM output in this model";

    /// <summary>The warning for a service response without Grad-CAM maps (not asked for with <c>gradcam=true</c>).</summary>
    public const string NoRemoteGradCamWarning = "the inference service response carries no Grad-CAM maps";

    /// <summary>Writes the images of an in-process inference's positive slices into <paramref name="folder"/>.</summary>
    /// <param name="series">The normalized series (the slices' pixels).</param>
    /// <param name="inference">Infer's result.</param>
    /// <param name="folder">Output folder; images go into its <c>overlays</c> sub-folder.</param>
    public static ExplainOutput Run(NormalizedSeries series, InferenceResult inference, string folder)
    {
        ArgumentNullException.ThrowIfNull(inference);
        return Run(series, inference.Findings, GradCamSet.FromPrediction(inference.Input, inference.Prediction), folder);
    }

    /// <summary>Writes the images of a remote inference's positive slices into <paramref name="folder"/>, exactly as an in-process run would.</summary>
    /// <param name="series">The normalized series that was sent.</param>
    /// <param name="findings">From <see cref="InferOperator.FromResponse"/> of the same response.</param>
    /// <param name="response">The inference service's answer, asked for with <c>gradcam=true</c>.</param>
    /// <param name="folder">Output folder; images go into its <c>overlays</c> sub-folder.</param>
    /// <exception cref="FormatException">A map in the response is malformed.</exception>
    public static ExplainOutput FromResponse(NormalizedSeries series, SeriesFindings findings, InferenceResponse response, string folder)
    {
        ArgumentNullException.ThrowIfNull(response);
        var output = Run(series, findings, GradCamSet.FromResponse(response), folder);
        if (response.GradCam is not null) return output;
        return output with { Warnings = output.Warnings.Select(w => w == NoGradCamWarning ? NoRemoteGradCamWarning : w).ToArray() };
    }

    /// <summary>Writes the plain and overlay images of <paramref name="findings"/>' positive slices, from <paramref name="cams"/>.</summary>
    /// <param name="series">The normalized series.</param>
    /// <param name="findings">Which slices and labels are positive.</param>
    /// <param name="cams">The maps; null when the model gave none (then a warning, and plain images only).</param>
    /// <param name="folder">Output folder; images go into its <c>overlays</c> sub-folder.</param>
    public static ExplainOutput Run(NormalizedSeries series, SeriesFindings findings, GradCamSet? cams, string folder)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(findings);
        var warnings = new List<string>();
        if (cams is null) warnings.Add(NoGradCamWarning);
        var positive = PositiveSlices(findings);
        if (positive.Count == 0) return new ExplainOutput([], [], warnings);

        var overlays = Path.Combine(folder, "overlays");
        Directory.CreateDirectory(overlays);
        var volume = series.Volume;
        var images = new List<SliceImage>();
        foreach (var z in positive)
        {
            var plain = Path.Combine(overlays, $"slice-{z + 1:000}.png");
            File.WriteAllBytes(plain, OverlayRenderer.EncodePng(OverlayRenderer.Render(volume.Slice(z).Span, volume.Width, volume.Height), volume.Width, volume.Height));
            images.Add(new SliceImage(volume.SopInstanceUids[z], z, null, plain));
        }

        var heatmaps = new List<SliceImage>();
        if (cams is not null)
        {
            foreach (var heat in Project(series, findings, cams, warnings.Add))
            {
                var z = heat.SliceIndex;
                var path = Path.Combine(overlays, $"slice-{z + 1:000}-{heat.Label}.png");
                File.WriteAllBytes(path, OverlayRenderer.EncodePng(OverlayRenderer.Render(volume.Slice(z).Span, volume.Width, volume.Height, heat.Heat), volume.Width, volume.Height));
                heatmaps.Add(new SliceImage(volume.SopInstanceUids[z], z, heat.Label, path));
            }
        }

        return new ExplainOutput(heatmaps, images, warnings);
    }

    /// <summary>
    /// The heatmaps Explain draws, in source geometry: per positive slice (p(any) ≥ 0.5), per label ≥ 0.5, in slice
    /// then label order. Computed one at a time, so a long series never holds them all.
    /// </summary>
    /// <param name="series">The normalized series (its slice size).</param>
    /// <param name="findings">Which slices and labels are positive.</param>
    /// <param name="cams">The maps.</param>
    /// <param name="warn">Told of every positive slice and label without a map.</param>
    public static IEnumerable<ProjectedHeatmap> Project(NormalizedSeries series, SeriesFindings findings, GradCamSet cams, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(cams);
        var volume = series.Volume;
        foreach (var z in PositiveSlices(findings))
        {
            foreach (var label in findings.Slices[z].Probabilities.Where(p => p.Value >= InferOperator.Threshold).Select(p => p.Key))
            {
                if (cams.Map(z, label) is not { } map)
                {
                    warn?.Invoke($"no Grad-CAM map for slice {z + 1} ({label})");
                    continue;
                }

                yield return new ProjectedHeatmap(z, label, HeatmapProjector.ToSource(map.Span, cams.Width, cams.Height, cams.Frame, volume.Width, volume.Height));
            }
        }
    }

    private static List<int> PositiveSlices(SeriesFindings findings) =>
        Enumerable.Range(0, findings.Slices.Count).Where(z => findings.Slices[z].Probabilities[ModelLabels.Any] >= InferOperator.Threshold).ToList();
}
