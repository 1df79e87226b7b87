using System.Text.Json;
using Ich.Phantoms.Output;
using Ich.Testing;

namespace Ich.Cli.Tests.Evaluate;

public sealed class EvaluateCommandTests : IDisposable
{
    private static readonly string[] Labels = ["any", "epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural"];
    private readonly string _folder = Directory.CreateTempSubdirectory("ich-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteCohort(int studies)
    {
        var uploads = Path.Combine(_folder, "up");
        CohortWriter.Write(new CohortRequest { OutputFolder = uploads, Studies = studies, Seed = 31, Options = new Ich.Phantoms.PhantomOptions { Matrix = 256, SliceThicknessMm = 5f } });
        return uploads;
    }

    [Fact]
    public async Task GivenLabelledStudies_WhenEvaluatedAsJson_ThenEveryLabelIsScoredAtBothLevels()
    {
        var uploads = WriteCohort(4);

        var result = await CommandLineRunner.RunAsync("evaluate", "--data", uploads, "--labels", Path.Combine(uploads, CohortWriter.LabelsFileName),
            "--json", "--model", RepositoryPaths.Combine("models", "ich-sli-lab"), "--out", Path.Combine(_folder, "report"));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        using var json = JsonDocument.Parse(result.Output);
        foreach (var level in new[] { "subject", "slice" })
        {
            var figures = json.RootElement.GetProperty(level);
            Assert.Equal(Labels, figures.EnumerateObject().Select(p => p.Name));
        }

        var any = json.RootElement.GetProperty("subject").GetProperty("any");
        Assert.Equal(4, any.GetProperty("n_pos").GetInt32() + any.GetProperty("n_neg").GetInt32());
        Assert.True(File.Exists(Path.Combine(_folder, "report", "report.md")));
        Assert.True(File.Exists(Path.Combine(_folder, "report", "roc-subject.png")));
    }

    [Fact]
    public async Task GivenIsolatedSlices_WhenEvaluated_ThenOnlySliceFiguresAreReported()
    {
        var uploads = WriteCohort(1);

        var result = await CommandLineRunner.RunAsync("evaluate", "--data", uploads, "--labels", Path.Combine(uploads, CohortWriter.LabelsFileName),
            "--json", "--slices", "--model", RepositoryPaths.Combine("models", "ich-sli-lab"));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Empty(json.RootElement.GetProperty("subject").EnumerateObject());
        var any = json.RootElement.GetProperty("slice").GetProperty("any");
        Assert.True(any.GetProperty("n_pos").GetInt32() + any.GetProperty("n_neg").GetInt32() >= 10);
    }

    [Fact]
    public async Task GivenSlicesWithoutLabels_WhenEvaluated_ThenTheyAreNamedAndTheExitCodeSaysSo()
    {
        var uploads = WriteCohort(1);
        var labels = Path.Combine(_folder, "empty.csv");
        File.WriteAllText(labels, "ID,Label\n");

        var result = await CommandLineRunner.RunAsync("evaluate", "--data", uploads, "--labels", labels, "--model", RepositoryPaths.Combine("models", "ich-sli-lab"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("have no label row", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAMissingLabelFile_WhenEvaluated_ThenBadInput()
    {
        var result = await CommandLineRunner.RunAsync("evaluate", "--data", _folder, "--labels", Path.Combine(_folder, "none.csv"), "--model", RepositoryPaths.Combine("models", "ich-sli-lab"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }
}
