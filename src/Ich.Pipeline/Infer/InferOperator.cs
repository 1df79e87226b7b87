using Ich.Inference.Client.Contract;
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
/// <c>allStages</c> reports every stage regardless. The model runs in process (<see cref="Run(NormalizedSeries, OnnxIchModel, bool)"/>) or in the
/// inference service (<see cref="FromResponse"/>); both give the same findings.
/// </summary>
public static class InferOperator
{
    /// <summary>The decision threshold of every label.</summary>
    public const double Threshold = 0.5;

    /// <summary>Decimals of the probabilities in the findings.</summary>
    public const int Decimals = 4;

    /// <summary>Runs <paramref name="model"/> on <paramref name="series"/>.</summary>
    /// <param name="series">From <see cref="NormalizeOperator"/>.</param>
    /// <param name="model">The served model.</param>
    /// <param name="allStages">Report the five-type stage even when the two-type stage is negative.</param>
    public static InferenceResult Run(NormalizedSeries series, OnnxIchModel model, bool allStages = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(model);
        return Run(series, model, SeriesPreprocessor.Preprocess(series.ToHuVolume(), model.Card.Input, maxDegreeOfParallelism: 2), allStages);
    }

    /// <summary>Runs <paramref name="model"/> on <paramref name="series"/> already preprocessed (e.g. to time the two apart).</summary>
    /// <param name="series">From <see cref="NormalizeOperator"/>.</param>
    /// <param name="model">The served model.</param>
    /// <param name="input">The series preprocessed by the model card's contract.</param>
    /// <param name="allStages">Report the five-type stage even when the two-type stage is negative.</param>
    /// <exception cref="ArgumentException">The input is not the model's shape or not this series'.</exception>
    public static InferenceResult Run(NormalizedSeries series, OnnxIchModel model, ModelInput input, bool allStages = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        if (input.SlabOfSlice.Count != series.Volume.Depth)
            throw new ArgumentException($"The input covers {input.SlabOfSlice.Count} slices; the series has {series.Volume.Depth}.", nameof(input));
        var prediction = model.Predict(input, includeFeatureMaps: false, includeGradCam: model.HasGradCam);
        return new InferenceResult(Findings(series, model.Card, input, prediction, allStages), input, prediction);
    }

    /// <summary>The findings of a series the inference service ran (a host without the model).</summary>
    /// <param name="series">The series that was sent, slice for slice.</param>
    /// <param name="response">The service's answer to it.</param>
    /// <exception cref="ArgumentException">The response does not answer this series (another slice count, or no p(any)).</exception>
    public static SeriesFindings FromResponse(NormalizedSeries series, InferenceResponse response)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(response);
        if (response.Slices.Count != series.Volume.Depth)
            throw new ArgumentException($"The response answers {response.Slices.Count} slices; the series has {series.Volume.Depth}.", nameof(response));
        if (!response.Subject.TryGetValue(ModelLabels.Any, out var any) || any is null)
            throw new ArgumentException($"The response has no subject p({ModelLabels.Any}).", nameof(response));
        for (var z = 0; z < response.Slices.Count; z++)
        {
            if (response.Slices[z].Index != z) throw new ArgumentException($"Response slice {z} has index {response.Slices[z].Index}: the slices are not in the request's order.", nameof(response));
        }

        return Findings(
            series,
            $"{response.Model.Name} {response.Model.Version}",
            response.Notice,
            response.Subject.Keys.ToArray(),
            response.Stages.FiveType,
            label => response.Subject.GetValueOrDefault(label),
            (z, label) => response.Slices[z].Probabilities.GetValueOrDefault(label));
    }

    /// <summary>Applies the two-stage workflow to an in-process prediction.</summary>
    internal static SeriesFindings Findings(NormalizedSeries series, ModelCard card, ModelInput input, SeriesPrediction prediction, bool allStages)
    {
        var fiveType = allStages || prediction.Subject(ModelLabels.Any) >= Threshold;
        bool Reported(string label) => label == ModelLabels.Any || fiveType;

        // Through the wire's rounding first, so a remote run's findings match these digit for digit.
        return Findings(
            series,
            $"{card.Name} {card.Version}",
            card.Notice,
            card.Labels,
            fiveType,
            label => Reported(label) ? WireProbability.Round(prediction.Subject(label)) : null,
            (z, label) => Reported(label) ? WireProbability.Round(prediction.Slab(input.SlabOfSlice[z], label)) : null);
    }

    /// <summary>The one place findings are built, whichever host ran the model.</summary>
    private static SeriesFindings Findings(
        NormalizedSeries series, string model, string notice, IReadOnlyList<string> modelLabels, bool fiveType,
        Func<string, double?> subjectProbability, Func<int, string, double?> sliceProbability)
    {
        var labels = new[] { ModelLabels.Any }.Concat(modelLabels.Where(l => l != ModelLabels.Any)).ToArray();
        var subject = new Dictionary<string, LabelFinding>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var p = Rounded(subjectProbability(label));
            subject[label] = new LabelFinding(p, p >= Threshold);
        }

        var headers = series.Selection.Instances;
        var slices = new SliceFinding[series.Volume.Depth];
        for (var z = 0; z < slices.Length; z++)
        {
            var probabilities = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var label in labels) probabilities[label] = Rounded(sliceProbability(z, label));
            var uid = series.Volume.SopInstanceUids[z];
            var instance = headers.FirstOrDefault(h => h.SopInstanceUid == uid);
            slices[z] = new SliceFinding(uid, instance?.InstanceNumber, probabilities);
        }

        return new SeriesFindings(model, fiveType, subject, slices, notice);
    }

    private static double? Rounded(double? probability) => probability is { } p ? Math.Round(p, Decimals) : null;
}
