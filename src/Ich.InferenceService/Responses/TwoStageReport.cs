using Ich.Inference.Client.Contract;
using Ich.Inference.Engine;
using Ich.Inference.Models;
using Ich.Preprocessing;

namespace Ich.InferenceService.Responses;

/// <summary>
/// Applies the paper's workflow to one prediction: p(any) always; subtypes only when p(any) ≥ 0.5 (or when all stages
/// are asked for). A label the model was not trained to predict is reported as null, never as a number.
/// </summary>
public static class TwoStageReport
{
    /// <summary>The p(any) at or above which the five-type stage runs.</summary>
    public const double Threshold = 0.5;

    /// <summary>Builds the response body (timings are filled in by the caller).</summary>
    /// <param name="model">The model that ran.</param>
    /// <param name="input">Its input, for the slab of each source slice and the model frame.</param>
    /// <param name="prediction">Its output (with Grad-CAM maps when they were asked for).</param>
    /// <param name="allStages">Report subtypes whatever p(any).</param>
    /// <param name="gradCam">Add the Grad-CAM maps of the positive slabs.</param>
    /// <param name="timings">Where the time went.</param>
    public static InferenceResponse Build(OnnxIchModel model, ModelInput input, SeriesPrediction prediction, bool allStages, bool gradCam, InferenceTimings timings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(prediction);
        var card = model.Card;
        var fiveType = allStages || prediction.Subject(ModelLabels.Any) >= Threshold;
        var reported = card.Labels.Select(label => label == ModelLabels.Any || (fiveType && card.PredictedLabels.Contains(label))).ToArray();

        var subject = new Dictionary<string, double?>(card.Labels.Count);
        for (var l = 0; l < card.Labels.Count; l++) subject[card.Labels[l]] = reported[l] ? WireProbability.Round(prediction.SubjectProbabilities[l]) : null;

        var slices = new SliceProbabilities[input.SlabOfSlice.Count];
        for (var i = 0; i < slices.Length; i++)
        {
            var slab = input.SlabOfSlice[i];
            var values = new Dictionary<string, double?>(card.Labels.Count);
            for (var l = 0; l < card.Labels.Count; l++)
                values[card.Labels[l]] = reported[l] ? WireProbability.Round(prediction.SlabProbabilities[slab * card.Labels.Count + l]) : null;
            slices[i] = new SliceProbabilities(i, slab, values);
        }

        return new InferenceResponse(
            new ModelIdentity(card.Name, card.Version, card.Sha256, model.Device.ToString().ToLowerInvariant()),
            card.Notice,
            Threshold,
            new StagesRun(TwoType: true, FiveType: fiveType),
            subject,
            slices,
            timings,
            gradCam ? GradCam(input, prediction, reported) : null);
    }

    /// <summary>
    /// The maps of every slab whose reported p(any) is ≥ the threshold, per label reported and ≥ the threshold there:
    /// the maps Explain draws, and no others (a series' full [T, L, h, w] would mostly be negatives).
    /// </summary>
    private static GradCamMaps GradCam(ModelInput input, SeriesPrediction prediction, bool[] reported)
    {
        if (prediction.GradCam is not { } cam || prediction.GradCamShape is not [var slabCount, var labelCount, var height, var width])
            return new GradCamMaps(Available: false, 0, 0, input.Frame, []);

        var labels = prediction.Labels;
        var any = prediction.IndexOf(ModelLabels.Any);
        var slabs = new List<SlabGradCam>();
        for (var s = 0; s < slabCount; s++)
        {
            double Reported(int l) => WireProbability.Round(prediction.SlabProbabilities[s * labels.Count + l]);
            if (Reported(any) < Threshold) continue;
            var maps = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var l = 0; l < labels.Count; l++)
            {
                if (!reported[l] || Reported(l) < Threshold) continue;
                maps[labels[l]] = CamEncoding.Encode(cam.AsSpan((s * labelCount + l) * height * width, height * width));
            }

            slabs.Add(new SlabGradCam(s, maps));
        }

        return new GradCamMaps(Available: true, width, height, input.Frame, slabs);
    }
}
