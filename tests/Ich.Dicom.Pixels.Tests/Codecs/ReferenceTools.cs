using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ich.Dicom.Pixels.Tests.Codecs;

/// <summary>
/// Decompresses a fixture with a Debian reference decoder (dcmtk's dcmdrle/dcmdjpeg/dcmdjpls or gdcm's
/// gdcmconv --raw), then extracts the raw pixel data with gdcmraw: the reference bytes are what those tools
/// write, independent of our DICOM reader. Results are cached per fixture and tool for the test run.
/// </summary>
internal static class ReferenceTools
{
    private static readonly ConcurrentDictionary<(string Fixture, string Tool), Lazy<byte[]>> Cache = new();
    private static readonly Lazy<string?> MissingTool = new(FindMissingTool);

    /// <summary>Null when every reference tool is on the PATH; otherwise the first one missing.</summary>
    public static string? Missing => MissingTool.Value;

    /// <summary>The reference decoder's bytes of frame <paramref name="frame"/> of <paramref name="fixture"/>.</summary>
    /// <param name="fixture">A fixture name as <see cref="CodecFixtures.PathOf"/> takes it.</param>
    /// <param name="tool">dcmdrle, dcmdjpeg, dcmdjpls or gdcmconv.</param>
    /// <param name="frame">0-based frame.</param>
    /// <param name="frameLength">Bytes per decoded frame.</param>
    public static byte[] DecodeFrame(string fixture, string tool, int frame, int frameLength)
    {
        byte[] all = Cache.GetOrAdd((fixture, tool), key => new Lazy<byte[]>(() => DecodeAll(key.Fixture, key.Tool))).Value;
        Assert.True(all.Length >= (frame + 1) * frameLength, $"{tool} gave {all.Length} bytes for {fixture}; frame {frame} needs {(frame + 1) * frameLength}.");
        return all.AsSpan(frame * frameLength, frameLength).ToArray();
    }

    private static byte[] DecodeAll(string fixture, string tool) => DecodeFile(CodecFixtures.PathOf(fixture), tool);

    /// <summary>The reference decoder's bytes of every frame of the DICOM file at <paramref name="input"/>.</summary>
    public static byte[] DecodeFile(string input, string tool)
    {
        string directory = Directory.CreateTempSubdirectory("ich-codec-reference-").FullName;
        try
        {
            string decompressed = Path.Combine(directory, "decoded.dcm");
            string raw = Path.Combine(directory, "pixels.raw");
            if (tool == "gdcmconv")
            {
                Run(tool, "--raw", input, decompressed);
            }
            else
            {
                Run(tool, input, decompressed);
            }

            Run("gdcmraw", "-t", "7fe0,0010", "-i", decompressed, "-o", raw);
            return File.ReadAllBytes(raw);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error.Result}");
        }
    }

    private static string? FindMissingTool()
    {
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator);
        return new[] { "dcmdrle", "dcmdjpeg", "dcmdjpls", "gdcmconv", "gdcmraw" }
            .FirstOrDefault(tool => !path.Any(dir => File.Exists(Path.Combine(dir, tool))));
    }
}

/// <summary>A theory skipped, saying what to install, when dcmtk or gdcm is missing (`./build.sh deps` installs them).</summary>
internal sealed class ReferenceDecoderTheoryAttribute : TheoryAttribute
{
    public ReferenceDecoderTheoryAttribute()
    {
        if (ReferenceTools.Missing is { } missing)
        {
            Skip = $"Reference decoder {missing} is not installed (run ./build.sh deps).";
        }
    }
}

/// <summary>A fact skipped, saying what to install, when dcmtk or gdcm is missing.</summary>
internal sealed class ReferenceDecoderFactAttribute : FactAttribute
{
    public ReferenceDecoderFactAttribute()
    {
        if (ReferenceTools.Missing is { } missing)
        {
            Skip = $"Reference decoder {missing} is not installed (run ./build.sh deps).";
        }
    }
}
