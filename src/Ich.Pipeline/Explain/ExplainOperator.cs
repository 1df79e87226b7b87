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

/// <summary>
/// Explain: Grad-CAM heatmaps for every slice predicted positive (slice p(any) ≥ 0.5), per predicted label, brought
/// back to the original slice geometry, written as overlay PNGs. A model without a Grad-CAM output gets a warning
/// and no heatmaps — never made-up ones.
/// </summary>
public static class ExplainOperator
{
    /// <summary>The warning for a model without Grad-CAM.</summary>
    public const string NoGradCamWarning = "no Grad-CAM output in this model";

    /// <summary>Writes the images of <paramref name="inference"/>'s positive slices into <paramref name="folder"/>.</summary>
    /// <param name="series">The normalized series (the slices' pixels).</param>
    /// <param name="inference">Infer's result.</param>
    /// <param name="folder">Output folder; images go into its <c>overlays</c> sub-folder.</param>
    public static ExplainOutput Run(NormalizedSeries series, InferenceResult inference, string folder)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(inference);
        var findings = inference.Findings;
        var positive = Enumerable.Range(0, findings.Slices.Count)
            .Where(z => findings.Slices[z].Probabilities[ModelLabels.Any] >= InferOperator.Threshold)
            .ToArray();
        var warnings = new List<string>();
        var cam = inference.Prediction.GradCam;
        var shape = inference.Prediction.GradCamShape;
        if (cam is null || shape is not { Length: 4 }) warnings.Add(NoGradCamWarning);
        if (positive.Length == 0) return new ExplainOutput([], [], warnings);

        var overlays = Path.Combine(folder, "overlays");
        Directory.CreateDirectory(overlays);
        var volume = series.Volume;
        var heatmaps = new List<SliceImage>();
        var images = new List<SliceImage>();
        foreach (var z in positive)
        {
            var slice = volume.Slice(z).Span;
            var uid = volume.SopInstanceUids[z];
            var plain = Path.Combine(overlays, $"slice-{z + 1:000}.png");
            File.WriteAllBytes(plain, OverlayRenderer.EncodePng(OverlayRenderer.Render(slice, volume.Width, volume.Height), volume.Width, volume.Height));
            images.Add(new SliceImage(uid, z, null, plain));
            if (cam is null || shape is not { Length: 4 }) continue;

            var labels = inference.Prediction.Labels;
            int slab = inference.Input.SlabOfSlice[z], labelCount = shape[1], h = shape[2], w = shape[3];
            foreach (var label in findings.Slices[z].Probabilities.Where(p => p.Value >= InferOperator.Threshold).Select(p => p.Key))
            {
                var l = IndexOf(labels, label);
                var map = cam.AsSpan((slab * labelCount + l) * h * w, h * w);
                var heat = HeatmapProjector.ToSource(map, w, h, inference.Input.Frame, volume.Width, volume.Height);
                var path = Path.Combine(overlays, $"slice-{z + 1:000}-{label}.png");
                File.WriteAllBytes(path, OverlayRenderer.EncodePng(OverlayRenderer.Render(slice, volume.Width, volume.Height, heat), volume.Width, volume.Height));
                heatmaps.Add(new SliceImage(uid, z, label, path));
            }
        }

        return new ExplainOutput(heatmaps, images, warnings);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++) if (labels[i] == label) return i;
        throw new KeyNotFoundException($"The model has no label '{label}'.");
    }
}
