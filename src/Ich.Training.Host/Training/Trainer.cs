using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Ich.Evaluation.Metrics;
using Ich.Training.Host.Data;
using Ich.Training.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Ich.Training.Host.Training;

/// <summary>
/// Trains the CNN + BiGRU end to end, one series per step: the CNN sees every slab of the series as one batch, the
/// GRU reads their features in order. Sli-Lab uses slab and subject losses (plus an auxiliary per-slab CNN loss);
/// Sub-Lab uses subject labels only, its slab outputs learning through log-sum-exp pooling (multiple-instance
/// learning). Data are drawn fresh each step from a deterministic source (step i sees series i, augmented with a
/// seed of its own), so a run resumed from its checkpoint sees exactly what an uninterrupted one would.
/// </summary>
public sealed class Trainer
{
    private const int Labels = LabelledSeries.LabelCount;
    private const string LastWeights = "last.bin";
    private const string LastOptimizer = "last.optim";
    private const string BestWeights = "best.bin";
    private const string StateFile = "state.json";
    private readonly TrainingOptions _options;
    private readonly TextWriter _log;

    // Scalars held for the trainer's lifetime: an implicit Scalar temporary can be finalized by the GC while
    // libtorch still reads it (TorchSharp passes only its handle), which showed here as random native errors.
    private readonly Scalar _auxiliaryWeight = 0.5.ToScalar();
    private readonly Scalar _poolSharpness = PoolSharpness.ToScalar();

    /// <summary>Sharpness r of the Sub-Lab log-sum-exp pool: 5 sits between the mean (r → 0) and the maximum.</summary>
    internal const double PoolSharpness = 5.0;

    /// <summary>Creates a trainer.</summary>
    public Trainer(TrainingOptions options, TextWriter log)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>
    /// Trains (or resumes) into <paramref name="checkpointFolder"/> and returns the network holding the best
    /// validation weights.
    /// </summary>
    public (IchNet Network, TrainingState State) Run(ISeriesSource training, ISeriesSource validation, string checkpointFolder, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        Directory.CreateDirectory(checkpointFolder);
        torch.set_num_threads(_options.Threads);
        torch.manual_seed(_options.Seed);
        var net = new IchNet(_options.Network);
        var optimizer = torch.optim.AdamW(net.parameters(), _options.LearningRate, weight_decay: _options.WeightDecay);
        var state = TryResume(net, optimizer, checkpointFolder);
        var clock = Stopwatch.StartNew();
        var elapsedBefore = state.TrainingSeconds;

        _log.WriteLine($"validation: preparing {_options.ValidationSeries} held-out series …");
        var validationSet = PrepareValidation(validation);
        var labelWeights = LabelWeights();
        var positiveWeights = PositiveWeights(training);
        _log.WriteLine($"positive weights (any, EDH, IPH, IVH, SAH, SDH): {string.Join(", ", positiveWeights.Select(w => w.ToString("0.00")))}");

        using var queue = new BlockingCollection<(int Step, PreparedSeries Series)>(boundedCapacity: 3);
        using var stopProducer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producer = Task.Run(() => Produce(training, state.Step, queue, stopProducer.Token));
        using var posWeight = torch.tensor(positiveWeights);
        using var labelWeight = torch.tensor(labelWeights);
        var lossAverage = state.LossAverage;
        var progress = new ProgressLine(_log, _options.Steps);
        try
        {
            while (state.Step < _options.Steps && !cancel.IsCancellationRequested)
            {
                if (elapsedBefore + clock.Elapsed.TotalSeconds > _options.Minutes * 60)
                {
                    _log.WriteLine($"\ntime budget of {_options.Minutes} min reached at step {state.Step}.");
                    break;
                }

                var waited = Stopwatch.StartNew();
                var (step, series) = queue.Take(cancel);
                state = state with { DataWaitSeconds = state.DataWaitSeconds + waited.Elapsed.TotalSeconds };
                SetLearningRate(optimizer, step);
                net.train();
                float loss;
                using (var scope = NewDisposeScope())
                {
                    var lossTensor = Loss(net, series, posWeight, labelWeight);
                    optimizer.zero_grad();
                    lossTensor.backward();
                    nn.utils.clip_grad_norm_(net.parameters(), 5.0);
                    optimizer.step();
                    loss = lossTensor.item<float>();
                }

                lossAverage = state.Step == 0 ? loss : 0.98 * lossAverage + 0.02 * loss;
                state = state with { Step = step + 1, LossAverage = lossAverage, TrainingSeconds = elapsedBefore + clock.Elapsed.TotalSeconds };
                if (state.Step % _options.ValidateEvery == 0 || state.Step == _options.Steps)
                {
                    state = ValidateAndCheckpoint(net, optimizer, validationSet, state, checkpointFolder);
                }

                progress.Update(state);
            }
        }
        finally
        {
            stopProducer.Cancel();
            try { producer.Wait(TimeSpan.FromSeconds(30)); } catch (AggregateException) { }
        }

        if (state.Step % _options.ValidateEvery != 0 && state.Step > 0)
            state = ValidateAndCheckpoint(net, optimizer, validationSet, state with { TrainingSeconds = elapsedBefore + clock.Elapsed.TotalSeconds }, checkpointFolder);
        _log.WriteLine();
        var best = Path.Combine(checkpointFolder, BestWeights);
        if (File.Exists(best)) net.load(best);
        net.eval();
        return (net, state);
    }

    private Tensor Loss(IchNet net, PreparedSeries series, Tensor posWeight, Tensor labelWeight)
    {
        var input = series.Input;
        var t = input.SlabCount;
        using var x = torch.tensor(input.Tensor, [t, input.Channels, input.Size, input.Size]);
        var features = net.EncodeSlices(x);
        var (sliceLogits, subjectLogits) = net.ReadSequence(features.unsqueeze(0));
        var auxiliary = net.SliceFeatureLogits(features);
        var subjectTarget = torch.tensor(series.SubjectTargets, [1, Labels]);
        var subjectLoss = Bce(subjectLogits, subjectTarget, posWeight, labelWeight);
        if (_options.Labels == LabelMode.Slice)
        {
            var slabTarget = torch.tensor(series.SlabTargets, [t, Labels]);
            return Bce(sliceLogits[0], slabTarget, posWeight, labelWeight) + subjectLoss + Bce(auxiliary, slabTarget, posWeight, labelWeight) * _auxiliaryWeight;
        }

        // Sub-Lab: a subject is positive when some slab is; log-sum-exp pooling (r = 5) is a smooth maximum that
        // passes gradient to every slab, most to the likeliest ones.
        var pooled = LogSumExpPool(sliceLogits[0], _poolSharpness).unsqueeze(0);
        var pooledAuxiliary = LogSumExpPool(auxiliary, _poolSharpness).unsqueeze(0);
        return subjectLoss + Bce(pooled, subjectTarget, posWeight, labelWeight) + Bce(pooledAuxiliary, subjectTarget, posWeight, labelWeight) * _auxiliaryWeight;
    }

    /// <summary>Log-sum-exp pooling of slab logits [T, L] over T: (log Σ exp(r·z) − log T) / r, per label.</summary>
    internal static Tensor LogSumExpPool(Tensor logits, Scalar sharpness)
    {
        using var logCount = Math.Log(logits.shape[0]).ToScalar();
        return (torch.logsumexp(logits * sharpness, 0) - logCount) / sharpness;
    }

    private static Tensor Bce(Tensor logits, Tensor target, Tensor posWeight, Tensor labelWeight) =>
        nn.functional.binary_cross_entropy_with_logits(logits, target, weight: labelWeight, reduction: nn.Reduction.Mean, pos_weights: posWeight);

    private float[] LabelWeights()
    {
        var weights = new float[Labels];
        weights[0] = 1f;
        for (var i = 1; i < Labels; i++) weights[i] = _options.Task == TrainingTask.FiveType ? 1f : 0f;
        return weights;
    }

    /// <summary>n_neg / n_pos per label over the first training draws (slab level for Sli-Lab, subject level for Sub-Lab), capped.</summary>
    internal float[] PositiveWeights(ISeriesSource training)
    {
        const int sample = 48;
        var positives = new double[Labels];
        var total = 0.0;
        var targets = new float[Labels];
        for (var i = 0; i < sample; i++)
        {
            var series = training.Get(i);
            IEnumerable<byte> masks = _options.Labels == LabelMode.Slice ? series.SliceMasks : [series.SubjectMask];
            foreach (var mask in masks)
            {
                LabelledSeries.WriteTargets(mask, targets);
                for (var l = 0; l < Labels; l++) positives[l] += targets[l];
                total++;
            }
        }

        return [.. positives.Select(p => (float)Math.Clamp((total - p) / Math.Max(p, 1), 1.0, _options.MaxPositiveWeight))];
    }

    internal PreparedSeries[] PrepareValidation(ISeriesSource validation)
    {
        var prepared = new PreparedSeries[_options.ValidationSeries];
        Parallel.For(0, prepared.Length, new ParallelOptions { MaxDegreeOfParallelism = _options.Threads },
            i => prepared[i] = PreparedSeries.Prepare(validation.Get(i), _options.Input, ScannerAugmentation.None, new Random(i)));
        return prepared;
    }

    private void Produce(ISeriesSource training, int firstStep, BlockingCollection<(int, PreparedSeries)> queue, CancellationToken cancel)
    {
        try
        {
            for (var step = firstStep; step < _options.Steps && !cancel.IsCancellationRequested; step++)
            {
                var source = training.Get(step);
                var random = PreparedSeries.AugmentationRandom(_options.Seed, step, 1, source);
                var series = PreparedSeries.Prepare(source, _options.Input, _options.Augmentation, random);
                queue.Add((step, series), cancel);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    private void SetLearningRate(TorchSharp.Modules.AdamW optimizer, int step)
    {
        // Linear warm-up over 100 steps, then cosine decay to 5 % of the peak at the last step.
        var peak = _options.LearningRate;
        var rate = step < 100 ? peak * (step + 1) / 100.0
            : peak * (0.05 + 0.95 * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1.0, (step - 100.0) / Math.Max(1, _options.Steps - 100)))));
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }

    private TrainingState ValidateAndCheckpoint(IchNet net, TorchSharp.Modules.AdamW optimizer, PreparedSeries[] validation, TrainingState state, string folder)
    {
        var scores = Validate(net, validation);
        var improved = scores.Score > state.BestScore;
        net.save(Path.Combine(folder, LastWeights));
        optimizer.save_state_dict(Path.Combine(folder, LastOptimizer));
        if (improved) net.save(Path.Combine(folder, BestWeights));
        var history = state.History.Append(new ValidationPoint(state.Step, state.LossAverage, scores.SubjectAnyAuc, scores.SliceAnyAuc, scores.SubjectSubtypeAuc, scores.Score)).ToArray();
        state = state with
        {
            BestScore = improved ? scores.Score : state.BestScore,
            BestStep = improved ? state.Step : state.BestStep,
            LastValidation = scores,
            History = history,
        };
        File.WriteAllText(Path.Combine(folder, StateFile), JsonSerializer.Serialize(state, TrainingState.Json));
        return state;
    }

    /// <summary>Validation AUCs. Sub-Lab picks its checkpoint by subject labels only (slab labels would leak into it).</summary>
    internal ValidationScores Validate(IchNet net, PreparedSeries[] validation)
    {
        net.eval();
        var subjectTruth = Enumerable.Range(0, Labels).Select(_ => new List<bool>()).ToArray();
        var subjectScore = Enumerable.Range(0, Labels).Select(_ => new List<double>()).ToArray();
        var slabTruth = new List<bool>();
        var slabScore = new List<double>();
        using (torch.no_grad())
        {
            foreach (var series in validation)
            {
                using var scope = NewDisposeScope();
                var input = series.Input;
                var x = torch.tensor(input.Tensor, [1, input.SlabCount, input.Channels, input.Size, input.Size]);
                var (sliceLogits, subjectLogits) = net.call(x);
                var slab = torch.sigmoid(sliceLogits[0]).data<float>().ToArray();
                var subject = torch.sigmoid(subjectLogits[0]).data<float>().ToArray();
                for (var l = 0; l < Labels; l++)
                {
                    subjectTruth[l].Add(series.SubjectTargets[l] > 0.5f);
                    subjectScore[l].Add(subject[l]);
                }

                for (var s = 0; s < input.SlabCount; s++)
                {
                    slabTruth.Add(series.SlabTargets[s * Labels] > 0.5f);
                    slabScore.Add(slab[s * Labels]);
                }
            }
        }

        var subjectAuc = Enumerable.Range(0, Labels).Select(l => BinaryMetrics.Compute(subjectTruth[l], subjectScore[l]).Auc).ToArray();
        var sliceAuc = BinaryMetrics.Compute(slabTruth, slabScore).Auc;
        var subtypeAucs = subjectAuc.Skip(1).Where(double.IsFinite).ToArray();
        var subtype = subtypeAucs.Length == 0 ? double.NaN : subtypeAucs.Average();
        var parts = new List<double> { subjectAuc[0] };
        if (_options.Labels == LabelMode.Slice) parts.Add(sliceAuc);
        if (_options.Task == TrainingTask.FiveType && double.IsFinite(subtype)) parts.Add(subtype);
        var score = parts.Where(double.IsFinite).DefaultIfEmpty(0).Average();
        return new ValidationScores(subjectAuc[0], sliceAuc, subtype, score);
    }

    private TrainingState TryResume(IchNet net, TorchSharp.Modules.AdamW optimizer, string folder)
    {
        var statePath = Path.Combine(folder, StateFile);
        var weights = Path.Combine(folder, LastWeights);
        var optimizerState = Path.Combine(folder, LastOptimizer);
        if (!File.Exists(statePath) || !File.Exists(weights) || !File.Exists(optimizerState)) return TrainingState.Start;
        var state = JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(statePath), TrainingState.Json)
            ?? throw new InvalidDataException($"{statePath} is empty.");
        net.load(weights);
        optimizer.load_state_dict(optimizerState);
        _log.WriteLine($"resuming from step {state.Step} (best validation score {state.BestScore:0.0000} at step {state.BestStep}).");
        return state;
    }
}
