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
    /// <param name="input">Its input, for the slab of each source slice.</param>
    /// <param name="prediction">Its output.</param>
    /// <param name="allStages">Report subtypes whatever p(any).</param>
    /// <param name="timings">Where the time went.</param>
    public static InferenceResponse Build(OnnxIchModel model, ModelInput input, SeriesPrediction prediction, bool allStages, InferenceTimings timings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(prediction);
        var card = model.Card;
        var fiveType = allStages || prediction.Subject(ModelLabels.Any) >= Threshold;
        var reported = card.Labels.Select(label => label == ModelLabels.Any || (fiveType && card.PredictedLabels.Contains(label))).ToArray();

        var subject = new Dictionary<string, double?>(card.Labels.Count);
        for (var l = 0; l < card.Labels.Count; l++) subject[card.Labels[l]] = reported[l] ? Round(prediction.SubjectProbabilities[l]) : null;

        var slices = new SliceProbabilities[input.SlabOfSlice.Count];
        for (var i = 0; i < slices.Length; i++)
        {
            var slab = input.SlabOfSlice[i];
            var values = new Dictionary<string, double?>(card.Labels.Count);
            for (var l = 0; l < card.Labels.Count; l++)
                values[card.Labels[l]] = reported[l] ? Round(prediction.SlabProbabilities[slab * card.Labels.Count + l]) : null;
            slices[i] = new SliceProbabilities(i, slab, values);
        }

        return new InferenceResponse(
            new ModelIdentity(card.Name, card.Version, card.Sha256, model.Device),
            card.Notice,
            Threshold,
            new StagesRun(TwoType: true, FiveType: fiveType),
            subject,
            slices,
            timings);
    }

    // Six decimals: float32 outputs carry no more, and the JSON stays readable.
    private static double Round(float value) => Math.Round(value, 6);
}
