namespace Ich.Cli.Tests;

/// <summary>Runs <c>ich</c> in-process and captures what it writes.</summary>
public static class CommandLineRunner
{
    /// <summary>The outcome of one invocation.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Invokes the command line with <paramref name="args"/>.</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await IchCommandLine.InvokeAsync(args, output, error);
        return new Result(exitCode, output.ToString(), error.ToString());
    }
}
