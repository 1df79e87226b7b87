namespace Ich.Inference.Models;

/// <summary>
/// Where a model's decision threshold lies for each label, chosen on a validation cohort that no reported figure comes
/// from. Serving rescales each probability p of a label with threshold t to σ(logit p − logit t): monotonic (so AUCs
/// and rankings are unchanged) and equal to 0.5 exactly at t, so the paper's rule "positive at p ≥ 0.5" — the two-stage
/// gate included — works at the chosen operating point. The rescaled values are scores on the model's own scale, not
/// calibrated probabilities; labels without a threshold keep the network's output.
/// </summary>
/// <remarks>
/// A network trained with positive-class weights ranks a rare label well and still puts its probabilities low (the
/// epidural output of the default model sat below 0.5 for four of five epidural studies): the threshold, not the
/// ranking, was wrong, and choosing it on held-out data is the standard remedy.
/// </remarks>
public sealed record OperatingPoints
{
    /// <summary>How the thresholds were chosen (rule, cohort, date).</summary>
    public string? Source { get; init; }

    /// <summary>Threshold per label for subject (series) probabilities.</summary>
    public IReadOnlyDictionary<string, double> Subject { get; init; } = new Dictionary<string, double>();

    /// <summary>Threshold per label for slab (slice) probabilities.</summary>
    public IReadOnlyDictionary<string, double> Slice { get; init; } = new Dictionary<string, double>();

    /// <summary>σ(logit <paramref name="probability"/> − logit <paramref name="threshold"/>), computed without overflow.</summary>
    public static float Rescale(float probability, double threshold)
    {
        // p/(1−p) · (1−t)/t is the rescaled odds; clamping p away from 0 and 1 keeps saturated outputs finite and ordered.
        var p = Math.Clamp((double)probability, 1e-12, 1 - 1e-12);
        var odds = p / (1 - p) * ((1 - threshold) / threshold);
        return (float)(odds / (1 + odds));
    }

    /// <summary>Rescales, in place, the [rows × labels] probabilities of one level by its thresholds.</summary>
    /// <param name="probabilities">Row-major, labels in <paramref name="labels"/> order.</param>
    /// <param name="labels">The card's labels.</param>
    /// <param name="thresholds">This level's thresholds.</param>
    public static void Apply(Span<float> probabilities, IReadOnlyList<string> labels, IReadOnlyDictionary<string, double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.Count == 0) return;
        for (var l = 0; l < labels.Count; l++)
        {
            if (!thresholds.TryGetValue(labels[l], out var t)) continue;
            for (var i = l; i < probabilities.Length; i += labels.Count) probabilities[i] = Rescale(probabilities[i], t);
        }
    }

    /// <summary>Checks that every threshold names a label of the model and lies strictly between 0 and 1.</summary>
    /// <exception cref="InvalidDataException">A threshold is out of range or names an unknown label.</exception>
    internal void Validate(string path, IReadOnlyList<string> labels)
    {
        foreach (var (level, thresholds) in new[] { ("subject", Subject), ("slice", Slice) })
        {
            if (thresholds is null) throw new InvalidDataException($"{path}: 'operatingPoints.{level}' is null.");
            foreach (var (label, t) in thresholds)
            {
                if (!labels.Contains(label)) throw new InvalidDataException($"{path}: 'operatingPoints.{level}' names '{label}', which is not one of the model's labels.");
                if (!(t > 0 && t < 1)) throw new InvalidDataException($"{path}: the {level} operating point of '{label}' is {t}; it must lie strictly between 0 and 1.");
            }
        }
    }
}
