using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ich.Training.Host.Data;
using Ich.Training.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Ich.Training.Host.Training;

/// <summary>
/// Training in two stages, to fit a 2-core CPU (the paper trains end to end on a GPU): first the CNN, then the GRU
/// and both heads on the frozen CNN's cached slab features, one whole series a step.
/// <list type="bullet">
/// <item><b>Sli-Lab</b>: the CNN learns on single slabs drawn from a pool of preprocessed series (a batch mixes slabs
/// of many subjects, half of them positive, and the pool is refreshed with new subjects as training goes).</item>
/// <item><b>Sub-Lab</b>: the CNN learns from subject labels only, multiple-instance style: a batch is two whole series
/// (bags), a positive and its lesion-free twin when the pool holds it (else a negative), and each bag's logit is the
/// log-sum-exp pool of its slab logits, so the slabs that explain a positive bag learn to fire; for a twin pair the
/// pool of the slab-wise difference between the two is scored too (it can rise only where the lesion is). The
/// sequence reader then learns from the subject label and the pooled slab outputs; no slab label is read.</item>
/// </list>
/// Every draw is seeded by the step, so a run is reproducible.
/// Twin pairs (<see cref="LabelledSeries.TwinPair"/>) are consecutive items and item i always sits in slot
/// i mod <see cref="PoolSize"/>, so both members enter the pool and an even pool holds them side by side; a Sli-Lab
/// batch then follows a twin's positive slab with the same slab of its lesion-free twin.
/// </summary>
public sealed class SlabPoolTrainer
{
    private const int Labels = LabelledSeries.LabelCount;
    private readonly TrainingOptions _options;
    private readonly TextWriter _log;
    private readonly Scalar _half = 0.5.ToScalar();
    // Held for the trainer's lifetime (see Trainer: an implicit Scalar temporary can be finalized while libtorch reads it).
    private readonly Scalar _poolSharpness = Trainer.PoolSharpness.ToScalar();

    /// <summary>Creates the trainer.</summary>
    public SlabPoolTrainer(TrainingOptions options, TextWriter log)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>Series in the slab pool.</summary>
    public int PoolSize { get; init; } = 240;

    /// <summary>Slabs per Sli-Lab CNN step (a Sub-Lab step takes two whole series instead).</summary>
    public int BatchSize { get; init; } = 48;

    /// <summary>CNN steps between replacing one pool series with a new subject.</summary>
    public int RefreshEvery { get; init; } = 3;

    /// <summary>Share of the CNN's wall-clock budget (the rest goes to the sequence reader and validation).</summary>
    public double EncoderShare { get; init; } = 0.85;

    /// <summary>Sequence-reader steps (one series each).</summary>
    public int SequenceSteps { get; init; } = 3000;

    /// <summary>Trains and returns the network with the best validated weights.</summary>
    public (IchNet Network, TrainingState State) Run(ISeriesSource training, ISeriesSource validation, string checkpointFolder)
    {
        Directory.CreateDirectory(checkpointFolder);
        torch.set_num_threads(_options.Threads);
        torch.manual_seed(_options.Seed);
        var clock = Stopwatch.StartNew();
        var helper = new Trainer(_options, _log);
        var net = new IchNet(_options.Network);
        var validationSet = helper.PrepareValidation(validation);
        using var posWeight = torch.tensor(helper.PositiveWeights(training));
        var budget = TimeSpan.FromMinutes(_options.Minutes);

        // The pool and its refresh stream: series 0 … PoolSize−1 first, then one new subject per RefreshEvery steps.
        _log.WriteLine($"stage 1: filling a pool of {PoolSize} series …");
        var pool = new PreparedSeries[PoolSize];
        Parallel.For(0, PoolSize, new ParallelOptions { MaxDegreeOfParallelism = _options.Threads }, i => pool[i] = Prepare(training, i));
        using var fresh = new BlockingCollection<PreparedSeries>(boundedCapacity: 4);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            try
            {
                for (var i = PoolSize; !stop.IsCancellationRequested; i++) fresh.Add(Prepare(training, i), stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        });

        var encoderParameters = net.EncoderParameters().Concat(net.SliceFeatureHeadParameters()).ToArray();
        var optimizer = torch.optim.AdamW(encoderParameters, _options.LearningRate, weight_decay: _options.WeightDecay);
        var encoderBudget = budget.TotalSeconds * EncoderShare - clock.Elapsed.TotalSeconds;
        var stageClock = Stopwatch.StartNew();
        var step = 0;
        var loss = 0.0;
        var refreshed = 0;
        var size = _options.Input.InputSize;
        var channels = _options.Input.Windows.Count;
        var batch = new float[BatchSize * channels * size * size];
        var targets = new float[BatchSize * Labels];
        try
        {
            net.train();
            while (stageClock.Elapsed.TotalSeconds < encoderBudget && step < _options.Steps * 10)
            {
                if (step % RefreshEvery == 0 && fresh.TryTake(out var next, 0))
                {
                    pool[refreshed % PoolSize] = next;
                    refreshed++;
                }

                var random = SeedMixer.Random(_options.Seed, step, 11);
                SetRate(optimizer, step, _options.LearningRate, encoderBudget, stageClock.Elapsed.TotalSeconds);
                using (var scope = NewDisposeScope())
                {
                    var l = _options.Labels == LabelMode.Slice
                        ? SlabLoss(net, pool, random, batch, targets, posWeight)
                        : BagLoss(net, DrawBagPair(pool, random), posWeight);
                    optimizer.zero_grad();
                    l.backward();
                    nn.utils.clip_grad_norm_(encoderParameters, 5.0);
                    optimizer.step();
                    loss = step == 0 ? l.item<float>() : 0.98 * loss + 0.02 * l.item<float>();
                }

                step++;
                if (step % 100 == 0)
                {
                    _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"stage 1 (CNN on {(_options.Labels == LabelMode.Slice ? "slabs" : "series bags")}): step {step}, loss {loss:0.0000}, {stageClock.Elapsed.TotalSeconds / step:0.00} s/step, {refreshed} new subjects, {(encoderBudget - stageClock.Elapsed.TotalSeconds) / 60:0.0} min left"));
                }
            }
        }
        finally
        {
            stop.Cancel();
            try { producer.Wait(TimeSpan.FromSeconds(30)); } catch (AggregateException) { }
        }

        net.save(Path.Combine(checkpointFolder, "encoder.bin"));
        _log.WriteLine($"stage 1 done: {step} CNN steps ({(_options.Labels == LabelMode.Slice ? $"{step * BatchSize} slabs" : $"{2 * step} series")} from {PoolSize + refreshed} subjects).");

        // Stage 2: the frozen CNN's features of every pool series, then the sequence reader on them.
        _log.WriteLine("stage 2: caching slab features …");
        net.eval();
        var features = new (Tensor Features, PreparedSeries Series)[pool.Length];
        using (torch.no_grad())
        {
            for (var i = 0; i < pool.Length; i++)
            {
                var input = pool[i].Input;
                using var x = torch.tensor(input.Tensor, [input.SlabCount, channels, size, size]);
                features[i] = (net.EncodeSlices(x).unsqueeze(0).detach(), pool[i]);
            }
        }

        _log.WriteLine($"stage 2: {features.Length} series cached; training the sequence reader for {SequenceSteps} steps …");
        var readerParameters = net.SequenceReaderParameters().ToArray();
        var readerOptimizer = torch.optim.AdamW(readerParameters, 3e-3, weight_decay: _options.WeightDecay);
        var best = double.NegativeInfinity;
        var bestStep = 0;
        var history = new List<ValidationPoint>();
        var state = TrainingState.Start;
        for (var s = 0; s < SequenceSteps; s++)
        {
            var random = SeedMixer.Random(_options.Seed, s, 12);
            var (f, series) = features[random.Next(features.Length)];
            net.train();
            using (var scope = NewDisposeScope())
            {
                var (sliceLogits, subjectLogits) = net.ReadSequence(f);
                var t = series.Input.SlabCount;
                var subjectTarget = torch.tensor(series.SubjectTargets, [1, Labels]);
                var slabLoss = _options.Labels == LabelMode.Slice
                    ? nn.functional.binary_cross_entropy_with_logits(sliceLogits[0], torch.tensor(series.SlabTargets, [t, Labels]), pos_weights: posWeight)
                    : nn.functional.binary_cross_entropy_with_logits(Trainer.LogSumExpPool(sliceLogits[0], _poolSharpness).unsqueeze(0), subjectTarget, pos_weights: posWeight);
                var l = slabLoss + nn.functional.binary_cross_entropy_with_logits(subjectLogits, subjectTarget, pos_weights: posWeight);
                readerOptimizer.zero_grad();
                l.backward();
                nn.utils.clip_grad_norm_(readerParameters, 5.0);
                readerOptimizer.step();
                loss = 0.98 * loss + 0.02 * l.item<float>();
            }

            if ((s + 1) % 500 == 0 || s + 1 == SequenceSteps)
            {
                var scores = helper.Validate(net, validationSet);
                history.Add(new ValidationPoint(step + s + 1, loss, scores.SubjectAnyAuc, scores.SliceAnyAuc, scores.SubjectSubtypeAuc, scores.Score));
                _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"stage 2 (GRU on features): step {s + 1}, loss {loss:0.0000}, val AUC any {scores.SubjectAnyAuc:0.000} slab {scores.SliceAnyAuc:0.000} subtypes {scores.SubjectSubtypeAuc:0.000}"));
                state = state with { LastValidation = scores };
                if (scores.Score > best)
                {
                    best = scores.Score;
                    bestStep = step + s + 1;
                    net.save(Path.Combine(checkpointFolder, "best.bin"));
                }
            }
        }

        foreach (var (f, _) in features) f.Dispose();
        net.load(Path.Combine(checkpointFolder, "best.bin"));
        net.eval();
        state = state with
        {
            Step = step + SequenceSteps,
            BestScore = best,
            BestStep = bestStep,
            TrainingSeconds = clock.Elapsed.TotalSeconds,
            History = history,
            LossAverage = loss,
        };
        File.WriteAllText(Path.Combine(checkpointFolder, "state.json"), JsonSerializer.Serialize(state, TrainingState.Json));
        return (net, state);
    }

    /// <summary>Sli-Lab: the CNN's loss on a batch of single slabs with their slab labels.</summary>
    private Tensor SlabLoss(IchNet net, PreparedSeries[] pool, Random random, float[] batch, float[] targets, Tensor posWeight)
    {
        var size = _options.Input.InputSize;
        var channels = _options.Input.Windows.Count;
        var slabValues = channels * size * size;
        (PreparedSeries Series, int Slab) drawn = default;
        for (var b = 0; b < BatchSize; b++)
        {
            drawn = DrawBatchSlab(pool, random, b, drawn);
            var (series, slab) = drawn;
            series.Input.SlabValues(slab).CopyTo(batch.AsSpan(b * slabValues, slabValues));
            series.SlabTargets.AsSpan(slab * Labels, Labels).CopyTo(targets.AsSpan(b * Labels, Labels));
        }

        var x = torch.tensor(batch, [BatchSize, channels, size, size]);
        var y = torch.tensor(targets, [BatchSize, Labels]);
        var logits = net.SliceFeatureLogits(net.EncodeSlices(x));
        return nn.functional.binary_cross_entropy_with_logits(logits, y, pos_weights: posWeight);
    }

    /// <summary>
    /// Sub-Lab: the CNN's multiple-instance loss on whole series, each a bag labelled by its subject only: the bag
    /// logit is the log-sum-exp pool of its slab logits (a smooth maximum that passes gradient to every slab, most to
    /// the likeliest).
    /// </summary>
    private Tensor BagLoss(IchNet net, PreparedSeries[] bags, Tensor posWeight)
    {
        var lengths = bags.Select(b => (long)b.Input.SlabCount).ToArray();
        var values = new float[bags.Sum(b => b.Input.Tensor.Length)];
        var offset = 0;
        foreach (var bag in bags)
        {
            bag.Input.Tensor.CopyTo(values.AsSpan(offset));
            offset += bag.Input.Tensor.Length;
        }

        var size = _options.Input.InputSize;
        var x = torch.tensor(values, [lengths.Sum(), _options.Input.Windows.Count, size, size]);
        var slabLogits = net.SliceFeatureLogits(net.EncodeSlices(x)).split(lengths);
        var pooled = torch.stack(slabLogits.Select(l => Trainer.LogSumExpPool(l, _poolSharpness)));
        var y = torch.tensor(bags.SelectMany(b => b.SubjectTargets).ToArray(), [bags.Length, Labels]);
        var loss = nn.functional.binary_cross_entropy_with_logits(pooled, y, pos_weights: posWeight);
        if (!IsTwinPair(bags)) return loss;

        // Twin contrast: the positive's slab logits minus its twin's are zero wherever the two series are alike, so
        // their pool rises only where the lesion is. A plain pool settles on slabs that stand out for anatomical
        // reasons (skull base, vertex), where a positive's gradient and its twin's cancel and the lesion slabs get none.
        var contrast = Trainer.LogSumExpPool(slabLogits[0] - slabLogits[1], _poolSharpness).unsqueeze(0);
        return loss + nn.functional.binary_cross_entropy_with_logits(contrast, y[..1], pos_weights: posWeight);
    }

    /// <summary>Whether the bags are a positive and its lesion-free twin, slab for slab.</summary>
    internal static bool IsTwinPair(PreparedSeries[] bags) =>
        bags.Length == 2 && bags[0].TwinPair is { } pair && bags[1].TwinPair == pair && bags[0].Input.SlabCount == bags[1].Input.SlabCount;

    /// <summary>
    /// Two bags for a Sub-Lab step: a positive series, then its lesion-free twin when the pool holds it (the same
    /// anatomy without the lesion, so only the lesion can explain the labels), else a negative series. Falls back to
    /// any series when the pool has no subject of the label wanted.
    /// </summary>
    internal static PreparedSeries[] DrawBagPair(PreparedSeries[] pool, Random random)
    {
        var positive = DrawSeries(pool, random, positive: true);
        if (positive.TwinPair is { } pair)
        {
            foreach (var other in pool)
            {
                if (other.TwinPair == pair && !ReferenceEquals(other, positive) && other.SubjectTargets[0] == 0f) return [positive, other];
            }
        }

        return [positive, DrawSeries(pool, random, positive: false)];
    }

    private static PreparedSeries DrawSeries(PreparedSeries[] pool, Random random, bool positive)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var series = pool[random.Next(pool.Length)];
            if (series.SubjectTargets[0] > 0.5f == positive) return series;
        }

        return pool[random.Next(pool.Length)];
    }

    private PreparedSeries Prepare(ISeriesSource source, int index)
    {
        var series = source.Get(index);
        return PreparedSeries.Prepare(series, _options.Input, _options.Augmentation, PreparedSeries.AugmentationRandom(_options.Seed, index, 13, series));
    }

    /// <summary>
    /// The slab a batch takes at position <paramref name="b"/>: positives at even positions; at odd ones, when the
    /// positive before came from a twin pair whose lesion-free member is in the pool, the same slab of that twin
    /// (the contrast the pair exists for), otherwise any slab.
    /// </summary>
    internal static (PreparedSeries Series, int Slab) DrawBatchSlab(PreparedSeries[] pool, Random random, int b, (PreparedSeries Series, int Slab) previous)
    {
        if (b % 2 == 1 && previous.Series.TwinPair is { } pair)
        {
            foreach (var other in pool)
            {
                if (other.TwinPair == pair && !ReferenceEquals(other, previous.Series) && other.SubjectTargets[0] == 0f
                    && other.Input.SlabCount == previous.Series.Input.SlabCount)
                    return (other, previous.Slab);
            }
        }

        return DrawSlab(pool, random, wantPositive: b % 2 == 0);
    }

    private static (PreparedSeries Series, int Slab) DrawSlab(PreparedSeries[] pool, Random random, bool wantPositive)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var series = pool[random.Next(pool.Length)];
            var count = series.Input.SlabCount;
            if (!wantPositive) return (series, random.Next(count));
            var positives = Enumerable.Range(0, count).Where(s => series.SlabTargets[s * Labels] > 0.5f).ToArray();
            if (positives.Length > 0) return (series, positives[random.Next(positives.Length)]);
        }

        var any = pool[random.Next(pool.Length)];
        return (any, random.Next(any.Input.SlabCount));
    }

    private static void SetRate(TorchSharp.Modules.AdamW optimizer, int step, double peak, double budgetSeconds, double elapsedSeconds)
    {
        // Warm-up over 100 steps, then cosine decay over the wall-clock budget (the step count is not known ahead).
        var progress = Math.Clamp(elapsedSeconds / Math.Max(1, budgetSeconds), 0, 1);
        var rate = step < 100 ? peak * (step + 1) / 100.0 : peak * (0.05 + 0.95 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
