namespace Ich.Inference.Engine;

/// <summary>A model's output for one series: per-slab and per-subject probabilities in the card's label order.</summary>
/// <param name="Labels">Label names.</param>
/// <param name="SlabProbabilities">[T × L] row-major.</param>
/// <param name="SubjectProbabilities">[L].</param>
/// <param name="FeatureMaps">The last convolutional stage [T, F, h, w] when asked for, else null.</param>
/// <param name="FeatureMapShape">Shape of <paramref name="FeatureMaps"/>.</param>
public sealed record SeriesPrediction(IReadOnlyList<string> Labels, float[] SlabProbabilities, float[] SubjectProbabilities, float[]? FeatureMaps, int[]? FeatureMapShape)
{
    /// <summary>Grad-CAM maps [T, L, h, w] when asked for and the model has them, else null.</summary>
    public float[]? GradCam { get; init; }

    /// <summary>Shape of <see cref="GradCam"/>.</summary>
    public int[]? GradCamShape { get; init; }

    /// <summary>Number of slabs.</summary>
    public int SlabCount => SlabProbabilities.Length / Labels.Count;

    /// <summary>Index of a label.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such label.</exception>
    public int IndexOf(string label)
    {
        for (var i = 0; i < Labels.Count; i++) if (Labels[i] == label) return i;
        throw new KeyNotFoundException($"The model has no label '{label}'.");
    }

    /// <summary>Probability of <paramref name="label"/> in slab <paramref name="slab"/>.</summary>
    public float Slab(int slab, string label) => SlabProbabilities[slab * Labels.Count + IndexOf(label)];

    /// <summary>Subject probability of <paramref name="label"/>.</summary>
    public float Subject(string label) => SubjectProbabilities[IndexOf(label)];
}
