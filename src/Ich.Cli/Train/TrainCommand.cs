using System.CommandLine;
using System.Diagnostics;

namespace Ich.Cli.Train;

/// <summary>
/// <c>ich train …</c>: hands its arguments to the training host (<c>ich-train</c>, src/Ich.Training.Host), the only
/// program that carries libtorch — so <c>ich</c> itself, and everything that serves models, stays free of it.
/// </summary>
internal static class TrainCommand
{
    private const string HostRelativePath = "src/Ich.Training.Host/bin/Release/net10.0/ich-train.dll";

    public static Command Create()
    {
        var command = new Command("train", "Train a model (runs the training host ich-train; `ich train train --help` lists its options).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var host = FindHost();
            if (host is null)
            {
                error.WriteLine($"error: the training host is not built ({HostRelativePath}); run ./build.sh train --help once, or dotnet build src/Ich.Training.Host -c Release.");
                return 2;
            }

            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
            start.ArgumentList.Add(host);
            foreach (var token in parse.UnmatchedTokens) start.ArgumentList.Add(token);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        });
        return command;
    }

    private static string? FindHost() => RepositoryFiles.FindUpwards(HostRelativePath, File.Exists);
}
