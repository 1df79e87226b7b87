using Ich.Inference.Engine;
using Ich.Inference.Models;
using Ich.Pipeline.Normalize;
using Ich.Preprocessing;

namespace Ich.Pipeline.Infer;

/// <summary>Infer's in-process result: the serialisable findings, and the model input and raw output Explain needs.</summary>
/// <param name="Findings">The findings.</param>
/// <param name="Input">The preprocessed series (its frame maps model pixels to source pixels).</param>
/// <param name="Prediction">The model's raw output, Grad-CAM maps included when the model has them.</param>
public sealed record InferenceResult(SeriesFindings Findings, ModelInput Input, SeriesPrediction Prediction);

/// <summary>
/// Infer, the paper's two-stage workflow: the two-type result (any hemorrhage) on the series, and the five subtypes
/// only when p(any) ≥ 0.5 — otherwise their probabilities are reported as null (not run), never as negatives.
/// <c>allStages</c> reports every stage regardless.
/// </summary>
public static class InferOperator
{
    /// <summary>The decision threshold of every label.</summary>
    public const double Threshold = 0.5;

    /// <summary>Runs <paramref name="model"/> on <paramref name="series"/>.</summary>
    /// <param name="series">From <see cref="NormalizeOperator"/>.</param>
    /// <param name="model">The served model.</param>
    /// <param name="allStages">Report the five-type stage even when the two-type stage is negative.</param>
    public static InferenceResult Run(NormalizedSeries series, OnnxIchModel model, bool allStages = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(model);
        var input = SeriesPreprocessor.Preprocess(series.ToHuVolume(), model.Card.Input, maxDegreeOfParallelism: 2);
        var prediction = model.Predict(input, includeFeatureMaps: false, includeGradCam: model.HasGradCam);
        return new InferenceResult(Findings(series, model.Card, input, prediction, allStages), input, prediction);
    }

    /// <summary>Applies the two-stage workflow to a prediction.</summary>
    internal static SeriesFindings Findings(NormalizedSeries series, ModelCard card, ModelInput input, SeriesPrediction prediction, bool allStages)
    {
        var any = prediction.Subject(ModelLabels.Any);
        var fiveType = allStages || any >= Threshold;
        var labels = new[] { ModelLabels.Any }.Concat(card.Labels.Where(l => l != ModelLabels.Any)).ToArray();
        bool Reported(string label) => label == ModelLabels.Any || fiveType;

        var subject = new Dictionary<string, LabelFinding>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            double? p = Reported(label) ? Math.Round(prediction.Subject(label), 4) : null;
            subject[label] = new LabelFinding(p, p >= Threshold);
        }

        var headers = series.Selection.Instances;
        var slices = new SliceFinding[series.Volume.Depth];
        for (var z = 0; z < slices.Length; z++)
        {
            var slab = input.SlabOfSlice[z];
            var probabilities = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var label in labels) probabilities[label] = Reported(label) ? Math.Round(prediction.Slab(slab, label), 4) : null;
            var uid = series.Volume.SopInstanceUids[z];
            var instance = headers.FirstOrDefault(h => h.SopInstanceUid == uid);
            slices[z] = new SliceFinding(uid, instance?.InstanceNumber, probabilities);
        }

        return new SeriesFindings($"{card.Name} {card.Version}", fiveType, subject, slices, card.Notice);
    }
}
