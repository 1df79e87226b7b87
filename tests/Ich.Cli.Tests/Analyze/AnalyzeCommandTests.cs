using System.Text.Json;
using Ich.Phantoms.Output;
using Ich.Testing;

namespace Ich.Cli.Tests.Analyze;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ich-analyze-").FullName;

    public AnalyzeCommandTests()
    {
        // The repository ships its default model: its absence is a failure, not a reason to skip.
        Assert.True(File.Exists(RepositoryPaths.Combine("models", "ich-sli-lab", "model-card.json")), "models/ich-sli-lab is missing from the checkout.");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task GivenAModelFolderThatIsNotOne_WhenRun_ThenBadInputExitCodeWithAClearError()
    {
        var result = await CommandLineRunner.RunAsync("analyze", _folder, "--model", Path.Combine(_folder, "no-model"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a model folder", result.Error);
    }

    [Fact]
    public async Task GivenAPhantomStudy_WhenRunWithJson_ThenStdoutIsOneJsonObjectWithEveryLabelAndSlice()
    {
        CohortWriter.Write(new CohortRequest { OutputFolder = Path.Combine(_folder, "up"), Studies = 1, Seed = 9, Distractors = true });

        var result = await CommandLineRunner.RunAsync("analyze", Path.Combine(_folder, "up", CohortWriter.FolderName(0)), "--json",
            "--out", Path.Combine(_folder, "out"), "--model", RepositoryPaths.Combine("models", "ich-sli-lab"));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var series = Assert.Single(Assert.Single(json.RootElement.GetProperty("studies").EnumerateArray()).GetProperty("series").EnumerateArray());
        Assert.Equal("ok", series.GetProperty("status").GetString());
        Assert.Equal(6, series.GetProperty("labels").EnumerateObject().Count());
        Assert.True(series.GetProperty("slices").GetArrayLength() >= 10);
    }

    [Fact]
    public async Task GivenNoDicom_WhenRun_ThenNonZeroExitAndNoStudies()
    {
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not DICOM");

        var result = await CommandLineRunner.RunAsync("analyze", _folder, "--json", "--out", Path.Combine(_folder, "out"));

        Assert.NotEqual(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Empty(json.RootElement.GetProperty("studies").EnumerateArray());
    }

    [Fact]
    public async Task GivenAMissingInputPath_WhenRun_ThenBadInputExitCode()
    {
        var result = await CommandLineRunner.RunAsync("analyze", Path.Combine(_folder, "missing"), "--model", RepositoryPaths.Combine("models", "ich-sli-lab"));

        Assert.Equal(2, result.ExitCode);
    }
}
