namespace Ich.Cli.Tests;

public sealed class RootCommandTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("dicom")]
    [InlineData("phantoms")]
    public async Task Help_ListsVerb(string verb)
    {
        var result = await CommandLineRunner.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches($@"(?m)^\s+{verb}\s", result.Output);
    }

    [Fact]
    public async Task UnknownVerb_FailsWithNonZeroExitCode()
    {
        var result = await CommandLineRunner.RunAsync("no-such-verb");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-verb", result.Error);
    }
}
