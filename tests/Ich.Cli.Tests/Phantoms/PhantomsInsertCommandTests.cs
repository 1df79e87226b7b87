namespace Ich.Cli.Tests.Phantoms;

/// <summary>A normal phantom head written as DICOM by <c>ich phantoms generate</c>, used as a background.</summary>
public sealed class NormalHeadFixture : IDisposable
{
    public NormalHeadFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ich-insert-cli-" + Guid.NewGuid().ToString("N"));
        var generated = CommandLineRunner.RunAsync("phantoms", "generate", "--out", Path.Combine(Root, "normal"), "--studies", "1", "--seed", "4",
            "--matrix", "128", "--prevalence", "0", "--slice-thickness", "2.5").GetAwaiter().GetResult();
        Assert.Equal(0, generated.ExitCode);
        Background = Path.Combine(Root, "normal", "study-00000");
        Output = Path.Combine(Root, "out");
        Result = CommandLineRunner.RunAsync("phantoms", "insert", "--background", Background, "--out", Output, "--studies", "2", "--seed", "3",
            "--prevalence", "1", "--subtypes", "subdural", "epidural").GetAwaiter().GetResult();
    }

    public string Root { get; }

    public string Background { get; }

    public string Output { get; }

    public CommandLineRunner.Result Result { get; }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

public sealed class PhantomsInsertCommandTests(NormalHeadFixture head) : IClassFixture<NormalHeadFixture>
{
    [Fact]
    public void Insert_AcceptsTheBackgroundAndWritesStudiesWithTwins()
    {
        Assert.Equal(0, head.Result.ExitCode);
        Assert.Contains("accepted", head.Result.Output);
        Assert.Contains("Wrote 2 studies (2 with hemorrhage", head.Result.Output);
        Assert.True(Directory.Exists(Path.Combine(head.Output, "study-00001-twin", "series-2-brain")));
    }

    [Fact]
    public void Insert_LabelsOnlyTheRequestedSubtypes()
    {
        var positives = File.ReadAllLines(Path.Combine(head.Output, "labels.csv")).Skip(1)
            .Where(l => l.EndsWith(",1", StringComparison.Ordinal)).Select(l => l.Split(',')[0].Split('_')[^1]).ToHashSet();

        Assert.Contains("any", positives);
        Assert.Subset(new HashSet<string> { "any", "subdural", "epidural" }, positives);
    }

    [Fact]
    public async Task Insert_ANonHeadBackground_IsRefusedWithItsReason()
    {
        // A cut-down head (16 slices, 40 mm) is too short to take bleeds.
        var shortSeries = Path.Combine(head.Root, "short");
        Directory.CreateDirectory(shortSeries);
        var files = Directory.GetFiles(Path.Combine(head.Background, "series-2-brain")).Order().Skip(10).Take(16).ToList();
        foreach (var f in files) File.Copy(f, Path.Combine(shortSeries, Path.GetFileName(f)));

        var result = await CommandLineRunner.RunAsync("phantoms", "insert", "--background", shortSeries, "--out", Path.Combine(head.Root, "none"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("refused, TooFewSlices", result.Output);
        Assert.Contains("every background was refused", result.Error);
    }

    [Fact]
    public async Task Insert_MissingBackground_ExitsWithTwo()
    {
        var result = await CommandLineRunner.RunAsync("phantoms", "insert", "--background", Path.Combine(head.Root, "missing"), "--out", Path.Combine(head.Root, "x"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.Error);
    }

    [Fact]
    public async Task Insert_UnknownSubtype_ExitsWithTwo()
    {
        var result = await CommandLineRunner.RunAsync("phantoms", "insert", "--background", head.Background, "--out", Path.Combine(head.Root, "y"), "--subtypes", "stroke");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown subtype 'stroke'", result.Error);
    }
}
