using Ich.Evaluation.Metrics;
using Ich.Inference.Engine;
using Ich.Inference.Models;

namespace Ich.Inference.Evaluation;

/// <summary>
/// Chooses a model's operating points (<see cref="OperatingPoints"/>) from its own probabilities on a labelled
/// validation cohort: per label and level, the Youden threshold (<see cref="YoudenThreshold"/>). Subtype thresholds
/// are fitted on every subject's raw subtype probability, before the two-stage gate, since the gate is applied after
/// rescaling; slice truth is per source slice, as <see cref="CohortScorer"/> scores it.
/// </summary>
/// <param name="labels">The labels to fit (those the model predicts).</param>
public sealed class OperatingPointFit(IReadOnlyList<string> labels)
{
    private readonly List<bool>[] _subjectTruth = [.. labels.Select(_ => new List<bool>())];
    private readonly List<double>[] _subjectScore = [.. labels.Select(_ => new List<double>())];
    private readonly List<bool>[] _sliceTruth = [.. labels.Select(_ => new List<bool>())];
    private readonly List<double>[] _sliceScore = [.. labels.Select(_ => new List<double>())];

    /// <summary>Number of subjects added.</summary>
    public int Subjects => _subjectTruth.Length == 0 ? 0 : _subjectTruth[0].Count;

    /// <summary>Adds one series, predicted without operating points (<see cref="EngineOptions.IgnoreOperatingPoints"/>).</summary>
    /// <param name="prediction">The model output.</param>
    /// <param name="slabOfSlice">For each source slice, its slab.</param>
    /// <param name="slicePositives">For each source slice, the subtype names it contains.</param>
    public void Add(SeriesPrediction prediction, IReadOnlyList<int> slabOfSlice, IReadOnlyList<IReadOnlySet<string>> slicePositives)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(slabOfSlice);
        ArgumentNullException.ThrowIfNull(slicePositives);
        if (slabOfSlice.Count != slicePositives.Count) throw new ArgumentException("One truth set per slice is needed.", nameof(slicePositives));
        for (var l = 0; l < labels.Count; l++)
        {
            var index = prediction.IndexOf(labels[l]);
            _subjectTruth[l].Add(slicePositives.Any(s => CohortScorer.IsPositive(s, labels[l])));
            _subjectScore[l].Add(prediction.SubjectProbabilities[index]);
            for (var i = 0; i < slabOfSlice.Count; i++)
            {
                _sliceTruth[l].Add(CohortScorer.IsPositive(slicePositives[i], labels[l]));
                _sliceScore[l].Add(prediction.SlabProbabilities[slabOfSlice[i] * prediction.Labels.Count + index]);
            }
        }
    }

    /// <summary>
    /// The Youden threshold of each of <paramref name="fitted"/> at the levels asked for (0.5 where a label has no
    /// positives or no negatives); other labels and levels keep the network's output.
    /// </summary>
    /// <param name="source">How they were chosen, for the card.</param>
    /// <param name="fitted">The labels to fit (all when null).</param>
    /// <param name="subject">Fit subject thresholds.</param>
    /// <param name="slice">Fit slice thresholds.</param>
    public OperatingPoints Choose(string source, IReadOnlyCollection<string>? fitted = null, bool subject = true, bool slice = true) => new()
    {
        Source = source,
        Subject = subject ? Fit(_subjectTruth, _subjectScore, fitted) : [],
        Slice = slice ? Fit(_sliceTruth, _sliceScore, fitted) : [],
    };

    private Dictionary<string, double> Fit(List<bool>[] truth, List<double>[] score, IReadOnlyCollection<string>? fitted) =>
        Enumerable.Range(0, labels.Count).Where(l => fitted is null || fitted.Contains(labels[l]))
            .ToDictionary(l => labels[l], l => Math.Clamp(Math.Round(YoudenThreshold.Choose(truth[l], score[l]), 6), 1e-6, 1 - 1e-6));
}
