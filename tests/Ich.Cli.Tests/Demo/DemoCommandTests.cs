using System.Text.Json;

namespace Ich.Cli.Tests.Demo;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ich-demo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task GivenPhantomCohortWithDistractors_WhenRun_ThenEveryStudyYieldsTheLabelledBrainSeries()
    {
        var result = await CommandLineRunner.RunAsync("demo", "--out", _folder, "--studies", "2", "--seed", "7");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "report.json")));
        var studies = report.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, studies.Length);
        foreach (var study in studies)
        {
            Assert.Equal(JsonValueKind.Null, study.GetProperty("failure").ValueKind);
            Assert.Contains("BRAIN", study.GetProperty("selectedSeries").GetString());
            Assert.Equal(study.GetProperty("depth").GetInt32(), study.GetProperty("sliceLabels").GetArrayLength());
            Assert.Equal(2, study.GetProperty("notSelected").GetArrayLength()); // the localizer and the bone-kernel series
        }
    }

    [Fact]
    public async Task GivenZeroStudies_WhenRun_ThenBadInputExitCode()
    {
        var result = await CommandLineRunner.RunAsync("demo", "--out", _folder, "--studies", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--studies", result.Error);
    }
}
