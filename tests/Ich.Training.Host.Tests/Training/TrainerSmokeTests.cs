using Ich.Phantoms;
using Ich.Preprocessing;
using Ich.Training.Host.Data;
using Ich.Training.Host.Training;
using Ich.Training.Network;

namespace Ich.Training.Host.Tests.Training;

/// <summary>A few steps on a tiny cohort, as CI can afford: the loss falls and an interrupted run resumes.</summary>
public sealed class TrainerSmokeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ich-train-smoke-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Two fixed small phantom series (one with hemorrhage), served over and over: a model must fit them.</summary>
    private sealed class TinySource : ISeriesSource
    {
        private readonly LabelledSeries[] _series =
        [
            Make(new PhantomGenerator(1, new PhantomOptions { Matrix = 64, SliceThicknessMm = 5f, Hemorrhage = true }).Generate(0), "a"),
            Make(new PhantomGenerator(2, new PhantomOptions { Matrix = 64, SliceThicknessMm = 5f, Hemorrhage = false }).Generate(0), "b"),
        ];

        public string Description => "two tiny phantoms";

        public LabelledSeries Get(int index) => _series[index % _series.Length];

        private static LabelledSeries Make(PhantomStudy study, string key) =>
            new(study.ToHuVolume(), [.. Enumerable.Range(0, study.Labels.SliceCount).Select(study.Labels.Mask)], key, "phantom");
    }

    private static TrainingOptions Tiny(int steps) => new()
    {
        Steps = steps,
        ValidateEvery = 15,
        ValidationSeries = 2,
        Threads = 2,
        LearningRate = 3e-3,
        Augmentation = ScannerAugmentation.None,
        Input = InputContract.Default with { InputSize = 32 },
        Network = new IchNetConfig { StemChannels = 8, StageChannels = [8, 16], BlocksPerStage = [1, 1], GruHidden = 8 },
    };

    [Fact]
    public void SliLab_LossFalls_OnATinyCohort()
    {
        var (net, state) = new Trainer(Tiny(45), TextWriter.Null).Run(new TinySource(), new TinySource(), _folder);
        net.Dispose();

        Assert.Equal(45, state.Step);
        Assert.Equal(3, state.History.Count);
        Assert.True(state.History[^1].Loss < state.History[0].Loss, $"loss went {state.History[0].Loss:0.000} → {state.History[^1].Loss:0.000}");
        Assert.True(File.Exists(Path.Combine(_folder, "best.bin")));
    }

    [Fact]
    public void SubLab_TwoStage_LearnsTheSubjectFromSubjectLabelsOnly()
    {
        // Multiple-instance stage 1 (whole series as bags), then the sequence reader; the tiny cohort's positive
        // series must come out above its negative one at the subject level.
        var options = Tiny(4) with { Labels = LabelMode.Subject };
        var log = new StringWriter();
        var (net, state) = new SlabPoolTrainer(options, log) { PoolSize = 2, SequenceSteps = 60 }.Run(new TinySource(), new TinySource(), _folder);
        try
        {
            var source = new TinySource();
            var positive = SubjectProbability(net, source.Get(0), options);
            var negative = SubjectProbability(net, source.Get(1), options);
            Assert.True(positive > negative, $"p(any): positive {positive:0.000}, negative {negative:0.000}");
            Assert.Equal(1.0, state.History[^1].SubjectAnyAuc);
            Assert.Contains("stage 1 done: 40 CNN steps (80 series", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            net.Dispose();
        }
    }

    [Fact]
    public void SubLab_BagPair_IsAPositiveAndItsLesionFreeTwin()
    {
        // Only the subject labels and twin pairs matter to the draw; every series shares one prepared input.
        var input = PreparedSeries.Prepare(new TinySource().Get(0), Tiny(1).Input, ScannerAugmentation.None, new Random(0)).Input;
        PreparedSeries Series(int? pair, bool positive, string key)
        {
            var subject = new float[LabelledSeries.LabelCount];
            subject[0] = positive ? 1f : 0f;
            return new PreparedSeries(input, new float[input.SlabCount * LabelledSeries.LabelCount], subject, key) { TwinPair = pair };
        }

        PreparedSeries[] pool = [Series(1, true, "a"), Series(1, false, "a-twin"), Series(null, false, "b"), Series(2, true, "c"), Series(2, false, "c-twin")];
        for (var i = 0; i < 20; i++)
        {
            var bags = SlabPoolTrainer.DrawBagPair(pool, new Random(i));
            Assert.Equal(1f, bags[0].SubjectTargets[0]);
            Assert.Equal(0f, bags[1].SubjectTargets[0]);
            Assert.Equal(bags[0].TwinPair, bags[1].TwinPair);
            Assert.True(SlabPoolTrainer.IsTwinPair(bags));
        }

        Assert.False(SlabPoolTrainer.IsTwinPair([pool[0], pool[2]]));
    }

    private static double SubjectProbability(IchNet net, LabelledSeries series, TrainingOptions options)
    {
        var input = PreparedSeries.Prepare(series, options.Input, ScannerAugmentation.None, new Random(0)).Input;
        using var x = TorchSharp.torch.tensor(input.Tensor, [1, input.SlabCount, input.Channels, input.Size, input.Size]);
        var (slice, subject) = net.call(x);
        using (slice)
        using (subject)
        using (var p = TorchSharp.torch.sigmoid(subject))
            return p[0, 0].item<float>();
    }

    [Fact]
    public void InterruptedRun_ResumesFromItsLastCheckpoint()
    {
        var log = new StringWriter();
        new Trainer(Tiny(15), TextWriter.Null).Run(new TinySource(), new TinySource(), _folder).Network.Dispose();

        var (net, state) = new Trainer(Tiny(30), log).Run(new TinySource(), new TinySource(), _folder);
        net.Dispose();

        Assert.Contains("resuming from step 15", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(30, state.Step);
        Assert.Equal([15, 30], state.History.Select(h => h.Step));
    }

    [Fact]
    public void SeedMixer_IsTheSameInEveryProcess()
    {
        // Fixed expectation: a resumed run (a new process) must draw the same data as the first.
        Assert.Equal(SeedMixer.Mix(7, 1), SeedMixer.Mix(7, 1));
        Assert.NotEqual(SeedMixer.Mix(7, 1), SeedMixer.Mix(1, 7));
        Assert.Equal(SeedMixer.Random(3, 4).Next(), SeedMixer.Random(3, 4).Next());
    }
}
