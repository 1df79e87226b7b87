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
    public void Recard_OfAFolderWithoutACard_SaysSo()
    {
        Directory.CreateDirectory(_folder);
        var error = Assert.Throws<FileNotFoundException>(() => ModelPublisher.Recard(_folder, [FixedCohort.Ci], TextWriter.Null));
        Assert.Contains(ModelCard.FileName, error.Message, StringComparison.Ordinal);
    }
}
