using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ich.Training.Host.Training;

/// <summary>Validation figures at one checkpoint.</summary>
/// <param name="SubjectAnyAuc">Subject-level AUC of <c>any</c>.</param>
/// <param name="SliceAnyAuc">Slab-level AUC of <c>any</c>.</param>
/// <param name="SubjectSubtypeAuc">Mean subject-level AUC over the five subtypes present.</param>
/// <param name="Score">What picks the checkpoint: the mean of the figures the label mode may use.</param>
public sealed record ValidationScores(double SubjectAnyAuc, double SliceAnyAuc, double SubjectSubtypeAuc, double Score);

/// <summary>One validation in the run's history.</summary>
public sealed record ValidationPoint(int Step, double Loss, double SubjectAnyAuc, double SliceAnyAuc, double SubjectSubtypeAuc, double Score);

/// <summary>Where a run stands; saved with every checkpoint so an interrupted run resumes.</summary>
public sealed record TrainingState
{
    /// <summary>JSON settings (NaN allowed: an AUC can be undefined on a small validation set).</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A run that has not started.</summary>
    public static TrainingState Start { get; } = new();

    /// <summary>Steps done.</summary>
    public int Step { get; init; }

    /// <summary>Exponential moving average of the loss.</summary>
    public double LossAverage { get; init; }

    /// <summary>Best validation score so far.</summary>
    public double BestScore { get; init; } = double.NegativeInfinity;

    /// <summary>Step of the best checkpoint.</summary>
    public int BestStep { get; init; }

    /// <summary>Seconds spent training, over every resumption.</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>Seconds the optimiser waited for data (preprocessing slower than the network).</summary>
    public double DataWaitSeconds { get; init; }

    /// <summary>The latest validation.</summary>
    public ValidationScores? LastValidation { get; init; }

    /// <summary>Every validation so far.</summary>
    public IReadOnlyList<ValidationPoint> History { get; init; } = [];
}
