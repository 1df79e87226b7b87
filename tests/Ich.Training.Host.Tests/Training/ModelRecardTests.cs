using Ich.Inference.Models;
using Ich.Phantoms;
using Ich.Phantoms.Cohorts;
using Ich.Training.Host.Training;

namespace Ich.Training.Host.Tests.Training;

/// <summary>
/// Re-carding a shipped model after the generator changed: the figures are re-measured through the served path,
/// while the model file, its training record and the card's hand-written limits stay as they were.
/// </summary>
public sealed class ModelRecardTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ich-recard-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Recard_RewritesMetricsOnly_KeepingModelTrainingRecordAndLimits()
    {
        var shipped = Path.Combine(Ich.Testing.RepositoryPaths.Root, "models", "ich-sli-lab");
        Directory.CreateDirectory(_folder);
        foreach (var file in new[] { "model.onnx", ModelCard.FileName, "model-card.md" })
            File.Copy(Path.Combine(shipped, file), Path.Combine(_folder, file));
        var before = ModelCard.Read(Path.Combine(_folder, ModelCard.FileName));
        var limits = File.ReadAllText(Path.Combine(_folder, "model-card.md"))[File.ReadAllText(Path.Combine(_folder, "model-card.md")).IndexOf("## Limits", StringComparison.Ordinal)..];
        var tiny = new FixedCohort("tiny", 5, 4, new PhantomOptions { Matrix = 128, SliceThicknessMm = 5f, Prevalence = 0.5 });

        var card = ModelPublisher.Recard(_folder, [tiny], TextWriter.Null);

        var after = ModelCard.Read(Path.Combine(_folder, ModelCard.FileName));
        Assert.Equal(before.Sha256, after.Sha256);
        Assert.Equal(before.Sha256, ModelCard.HashFile(Path.Combine(_folder, "model.onnx")));
        Assert.Equal(before.Training!.Command, after.Training!.Command);
        Assert.Equal(before.AverageWithMirror, after.AverageWithMirror);
        var metrics = Assert.Single(after.Metrics);
        Assert.Equal("tiny", metrics.Cohort);
        Assert.Equal(4, metrics.Studies);
        Assert.Contains(PhantomGenerator.Generation, metrics.Description, StringComparison.Ordinal);
        Assert.Equal(card.Metrics.Single().Slice["any"].NPos, metrics.Slice["any"].NPos);
        Assert.True(File.Exists(Path.Combine(_folder, "evaluation", "tiny.json")));

        var markdown = File.ReadAllText(Path.Combine(_folder, "model-card.md"));
        Assert.Contains("### Cohort 'tiny'", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### Cohort 'ci'", markdown, StringComparison.Ordinal);
        Assert.EndsWith(limits, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ChooseOperatingPoints_FitsYoudenOnTheValidationStudies_AndTheCardReportsTheFiguresAtThem()
    {
        CopyShippedDefault();
        var validation = new FixedCohort("tiny-validation", 6, 8, new PhantomOptions { Matrix = 128, SliceThicknessMm = 5f, Prevalence = 0.5 });
        var reported = new FixedCohort("tiny", 5, 4, new PhantomOptions { Matrix = 128, SliceThicknessMm = 5f, Prevalence = 0.5 });

        var card = ModelPublisher.ChooseOperatingPoints(_folder, validation, [reported], TextWriter.Null, includeAny: true, slices: true);

        // The network's own subject p(any) on the validation studies, fitted independently, gives the card's threshold.
        using var raw = Ich.Inference.Engine.OnnxIchModel.Load(_folder, new Ich.Inference.Engine.EngineOptions { PreferGpu = false, IntraOpThreads = 2, IgnoreOperatingPoints = true });
        var truth = new List<bool>();
        var score = new List<double>();
        foreach (var study in ModelPublisher.Labelled(validation))
        {
            truth.Add(study.SlicePositives.Any(s => s.Count > 0));
            score.Add(raw.Predict(study.Volume).Prediction.Subject(ModelLabels.Any));
        }

        var points = card.OperatingPoints!;
        Assert.Equal(Ich.Evaluation.Metrics.YoudenThreshold.Choose(truth, score), points.Subject[ModelLabels.Any], 5);
        Assert.Contains("tiny-validation", points.Source, StringComparison.Ordinal);
        Assert.Equal(card.PredictedLabels.Order(), points.Subject.Keys.Order());
        Assert.Equal(card.PredictedLabels.Order(), points.Slice.Keys.Order());
        Assert.All(points.Slice.Values.Concat(points.Subject.Values), t => Assert.InRange(t, 1e-6, 1 - 1e-6));
        // Re-measured on the reported cohort only, with the thresholds in force; written where serving reads them.
        Assert.Equal("tiny", Assert.Single(card.Metrics).Cohort);
        Assert.Equal(points, ModelCard.Read(Path.Combine(_folder, ModelCard.FileName)).OperatingPoints, OperatingPointsComparer.Instance);
        Assert.Contains("operating points chosen by Youden's J", File.ReadAllText(Path.Combine(_folder, "model-card.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void ChooseOperatingPoints_ByDefault_LeavesTheTwoTypeDecisionAndTheSlicesAsTrained()
    {
        CopyShippedDefault();
        var validation = new FixedCohort("tiny-validation", 6, 6, new PhantomOptions { Matrix = 128, SliceThicknessMm = 5f, Prevalence = 0.7 });

        var points = ModelPublisher.ChooseOperatingPoints(_folder, validation, [], TextWriter.Null).OperatingPoints!;

        Assert.DoesNotContain(ModelLabels.Any, points.Subject.Keys);
        Assert.Equal(ModelCard.Read(Path.Combine(_folder, ModelCard.FileName)).PredictedLabels.Where(l => l != ModelLabels.Any).Order(), points.Subject.Keys.Order());
        Assert.Empty(points.Slice);
    }

    [Fact]
    public async Task OperatingPointsCommand_RefusesToReportTheCohortItChoseThemOn()
    {
        CopyShippedDefault();
        var before = File.ReadAllText(Path.Combine(_folder, ModelCard.FileName));
        var error = new StringWriter();

        var code = await TrainingCommandLine.InvokeAsync(["operating-points", "--model", _folder, "--cohort", "validation", "--cohorts", "ci,validation"], TextWriter.Null, error);

        Assert.Equal(2, code);
        Assert.Contains("error:", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_folder, ModelCard.FileName)));
    }

    private void CopyShippedDefault()
    {
        var shipped = Path.Combine(Ich.Testing.RepositoryPaths.Root, "models", "ich-sli-lab");
        Directory.CreateDirectory(_folder);
        foreach (var file in new[] { "model.onnx", ModelCard.FileName, "model-card.md" })
            File.Copy(Path.Combine(shipped, file), Path.Combine(_folder, file));
    }

    /// <summary>Operating points are equal when their thresholds and source are.</summary>
    private sealed class OperatingPointsComparer : IEqualityComparer<OperatingPoints?>
    {
        public static OperatingPointsComparer Instance { get; } = new();

        public bool Equals(OperatingPoints? x, OperatingPoints? y) =>
            x is not null && y is not null && x.Source == y.Source
            && x.Subject.OrderBy(p => p.Key).SequenceEqual(y.Subject.OrderBy(p => p.Key))
            && x.Slice.OrderBy(p => p.Key).SequenceEqual(y.Slice.OrderBy(p => p.Key));

        public int GetHashCode(OperatingPoints? obj) => obj?.Source?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }

    [Fact]
    public void Recard_OfAFolderWithoutACard_SaysSo()
    {
        Directory.CreateDirectory(_folder);
        var error = Assert.Throws<FileNotFoundException>(() => ModelPublisher.Recard(_folder, [FixedCohort.Ci], TextWriter.Null));
        Assert.Contains(ModelCard.FileName, error.Message, StringComparison.Ordinal);
    }
}
