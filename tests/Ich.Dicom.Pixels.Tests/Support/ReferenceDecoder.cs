using System.Diagnostics;
using Ich.Testing;

namespace Ich.Dicom.Pixels.Tests.Support;

/// <summary>
/// Runs scripts/reference-hashes/reference_decode.py (pydicom, dcmtk, gdcm) on a fixture, live, so the stored
/// reference hashes cannot silently rot. Needs the Debian tools that `./build.sh deps` installs.
/// </summary>
internal static class ReferenceDecoder
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> MissingTool = new(FindMissingTool);

    /// <summary>Null when every reference tool is installed; otherwise which one is missing.</summary>
    public static string? Missing => MissingTool.Value;

    /// <summary>The reference decoder's bytes for <paramref name="key"/> ("folder/file.dcm").</summary>
    public static byte[] Decode(string key)
    {
        var output = Path.Combine(Path.GetTempPath(), $"ich-reference-{Guid.NewGuid():N}.raw");
        try
        {
            var script = RepositoryPaths.Combine("scripts", "reference-hashes", "reference_decode.py");
            var (exitCode, error) = Run(Python, script, Fixtures.PathOf(key), output);
            if (exitCode != 0) throw new InvalidOperationException($"reference_decode.py failed on {key}: {error}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string? FindMissingTool()
    {
        if (!File.Exists(Python)) return Python;
        if (Run(Python, "-c", "import pydicom, numpy").ExitCode != 0) return "python3-pydicom / python3-numpy";
        foreach (var tool in new[] { "dcmdjpeg", "dcmdjpls", "gdcmconv" })
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
                .Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)));
            if (!found) return tool;
        }

        return null;
    }

    private static (int ExitCode, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 2 minutes.");
        }

        return (process.ExitCode, stderr.Result);
    }
}

/// <summary>A theory that is skipped, saying what to install, when the reference tools are missing.</summary>
internal sealed class ReferenceToolsTheoryAttribute : TheoryAttribute
{
    public ReferenceToolsTheoryAttribute()
    {
        if (ReferenceDecoder.Missing is { } missing)
        {
            Skip = $"Reference decoder tool missing: {missing} (run ./build.sh deps).";
        }
    }
}
