using System.Text.Json;

namespace Ich.Cli.Tests.Local;

/// <summary>
/// <c>ich local run</c>, the README's main command, end to end: its own Azurite, the inference service, the local host
/// and a webhook receiver; one JSON object on stdout.
/// </summary>
public sealed class LocalRunCommandTests
{
    [Fact]
    public async Task A_phantom_study_runs_through_the_local_pipeline_and_prints_one_json_object_with_a_verified_webhook()
    {
        var result = await CommandLineRunner.RunAsync("local", "run", "--json", "--seed", "7");

        Assert.True(result.ExitCode == 0, result.Error);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var report = JsonDocument.Parse(line).RootElement;
        Assert.Equal("completed", report.GetProperty("status").GetString());
        var webhook = report.GetProperty("webhook");
        Assert.Equal("ich.study.completed", webhook.GetProperty("type").GetString());
        Assert.True(webhook.GetProperty("verified").GetBoolean());
        Assert.StartsWith("evt_", webhook.GetProperty("id").GetString());
        Assert.InRange(webhook.GetProperty("uploadToWebhookMs").GetDouble(), 1, 120_000);
        var series = Assert.Single(report.GetProperty("series").EnumerateArray().ToArray());
        Assert.Equal("ok", series.GetProperty("status").GetString());
        Assert.InRange(series.GetProperty("labels").GetProperty("any").GetProperty("probability").GetDouble(), 0, 1);
        Assert.True(series.GetProperty("slices").GetArrayLength() >= 10);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_refused_before_anything_starts()
    {
        var result = await CommandLineRunner.RunAsync("local", "run", "/nonexistent/study");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_non_dicom_upload_ends_failed_with_its_reason_and_exit_1()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("ich-cli-local-").FullName, "notes.txt");
        await File.WriteAllTextAsync(file, "not a CT");

        var result = await CommandLineRunner.RunAsync("local", "run", "--json", file);

        Assert.Equal(1, result.ExitCode);
        var report = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("failed", report.GetProperty("status").GetString());
        Assert.Equal("ich.study.failed", report.GetProperty("webhook").GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(report.GetProperty("error").GetString()));
    }
}
