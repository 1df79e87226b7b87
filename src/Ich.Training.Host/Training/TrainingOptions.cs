using Ich.Preprocessing;
using Ich.Training.Network;

namespace Ich.Training.Host.Training;

/// <summary>Which labels a model learns from.</summary>
public enum LabelMode
{
    /// <summary>Sli-Lab: slice (slab) labels and subject labels.</summary>
    Slice,

    /// <summary>Sub-Lab: subject labels only; slice outputs learn through multiple-instance pooling.</summary>
    Subject,
}

/// <summary>Which outputs are trained.</summary>
public enum TrainingTask
{
    /// <summary>ICH or not (the <c>any</c> output only).</summary>
    TwoType,

    /// <summary><c>any</c> and the five subtypes (one network serves the paper's two-stage workflow).</summary>
    FiveType,
}

/// <summary>Everything that decides a training run; written into the model card.</summary>
public sealed record TrainingOptions
{
    /// <summary>Label mode.</summary>
    public LabelMode Labels { get; init; } = LabelMode.Slice;

    /// <summary>Task.</summary>
    public TrainingTask Task { get; init; } = TrainingTask.FiveType;

    /// <summary>Seed of everything: data draws, augmentation, weights.</summary>
    public long Seed { get; init; } = 7;

    /// <summary>Optimiser steps (one series each) at most.</summary>
    public int Steps { get; init; } = 4000;

    /// <summary>Wall-clock budget, minutes; training stops at whichever of steps or minutes comes first.</summary>
    public double Minutes { get; init; } = 60;

    /// <summary>Steps between validations and checkpoints.</summary>
    public int ValidateEvery { get; init; } = 100;

    /// <summary>Validation series (a held-out subject set).</summary>
    public int ValidationSeries { get; init; } = 60;

    /// <summary>Peak learning rate (AdamW, cosine decay after a short warm-up).</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Torch threads.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Network shape.</summary>
    public IchNetConfig Network { get; init; } = new();

    /// <summary>Input contract (the shared preprocessing).</summary>
    public InputContract Input { get; init; } = InputContract.Default;

    /// <summary>Scanner randomisation during training.</summary>
    public Data.ScannerAugmentation Augmentation { get; init; } = new();

    /// <summary>Train on positive / lesion-free phantom twin pairs mixed with ordinary draws (<see cref="Data.PhantomSeriesSource"/>).</summary>
    public bool Twins { get; init; }

    /// <summary>Cap on the positive-class weight of rare labels (positives are up-weighted by n_neg / n_pos up to this).</summary>
    public float MaxPositiveWeight { get; init; } = 4f;
}
