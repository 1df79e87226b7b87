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
    public async Task GivenAPredictionsFile_WhenEvaluated_ThenItHoldsARowPerSubjectAndPerSliceThatReproducesTheReport()
    {
        var uploads = WriteCohort(3);
        var csv = Path.Combine(_folder, "out", "predictions.csv");

        var result = await CommandLineRunner.RunAsync("evaluate", "--data", uploads, "--labels", Path.Combine(uploads, CohortWriter.LabelsFileName),
            "--json", "--model", RepositoryPaths.Combine("models", "ich-sli-lab"), "--predictions", csv);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var rows = File.ReadAllLines(csv);
        Assert.Equal(["level", "subject", "slice", "slab", .. Labels.Select(l => $"truth_{l}"), .. Labels.Select(l => $"p_{l}")], rows[0].Split(','));
        var cells = rows.Skip(1).Select(r => r.Split(',')).ToList();
        using var json = JsonDocument.Parse(result.Output);
        var slice = json.RootElement.GetProperty("slice").GetProperty("any");
        var subject = json.RootElement.GetProperty("subject").GetProperty("any");
        Assert.Equal(subject.GetProperty("n_pos").GetInt32() + subject.GetProperty("n_neg").GetInt32(), cells.Count(c => c[0] == "subject"));
        var slices = cells.Where(c => c[0] == "slice").ToList();
        Assert.Equal(slice.GetProperty("n_pos").GetInt32() + slice.GetProperty("n_neg").GetInt32(), slices.Count);
        Assert.Equal(slice.GetProperty("n_pos").GetInt32(), slices.Count(c => c[4] == "1"));
        // Sensitivity at 0.5 recomputed from the file matches the report's.
        var positives = slices.Where(c => c[4] == "1").ToList();
        if (positives.Count > 0)
        {
            var found = positives.Count(c => double.Parse(c[4 + Labels.Length], System.Globalization.CultureInfo.InvariantCulture) >= 0.5);
            Assert.Equal(slice.GetProperty("sensitivity").GetDouble(), (double)found / positives.Count, 3);
        }
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
    public async Task GivenAPredictionsPathThatIsAFolder_WhenEvaluated_ThenBadInputBeforeAnythingIsScored()
    {
        var uploads = WriteCohort(1);

        var result = await CommandLineRunner.RunAsync("evaluate", "--data", uploads, "--labels", Path.Combine(uploads, CohortWriter.LabelsFileName),
            "--model", RepositoryPaths.Combine("models", "ich-sli-lab"), "--predictions", _folder);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAMissingLabelFile_WhenEvaluated_ThenBadInput()
    {
        var result = await CommandLineRunner.RunAsync("evaluate", "--data", _folder, "--labels", Path.Combine(_folder, "none.csv"), "--model", RepositoryPaths.Combine("models", "ich-sli-lab"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }
}
