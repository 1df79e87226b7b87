using System.Diagnostics;

namespace Ich.Dicom.Tests.Objects;

/// <summary>
/// Runs the Debian reference tools on written objects: dcmtk's <c>dcmdump</c> (parses the file) and dicom3tools'
/// <c>dciodvfy</c> (checks it against the IOD's modules and attribute rules). A missing tool fails the test with a
/// message that says how to install it; it never skips.
/// </summary>
internal static class ReferenceTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Writes <paramref name="dataset"/> as an Explicit VR Little Endian Part 10 file in a new temporary folder,
    /// which disposing the result deletes.
    /// </summary>
    public static TemporaryDicomFile WriteTemporaryFile(DicomDataset dataset, string name)
    {
        var folder = Directory.CreateTempSubdirectory("ich-objects-");
        var path = Path.Combine(folder.FullName, name + ".dcm");
        DicomWriter.Write(DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian), path);
        return new TemporaryDicomFile(path);
    }

    /// <summary>Asserts that <c>dcmdump</c> reads the file with no warning ("W:") or error ("E:") lines.</summary>
    public static string AssertDcmdumpClean(string path)
    {
        var (exitCode, output) = Run("dcmdump", "dcmtk", path);
        var problems = Lines(output).Where(line => line.StartsWith("W:", StringComparison.Ordinal) || line.StartsWith("E:", StringComparison.Ordinal)).ToArray();
        Assert.True(exitCode == 0 && problems.Length == 0, $"dcmdump exit {exitCode}, complaints:\n{string.Join('\n', problems)}\n--- output ---\n{output}");
        return output;
    }

    /// <summary>
    /// Asserts that <c>dciodvfy</c> recognises the file as <paramref name="expectedIod"/> and reports no "Error" line,
    /// and no "Warning" line except those containing one of <paramref name="acceptedWarnings"/> (each explained by
    /// the calling test).
    /// </summary>
    public static void AssertDciodvfyClean(string path, string expectedIod, params string[] acceptedWarnings)
    {
        var (iod, errors, warnings) = Dciodvfy(path);
        var unexplained = warnings.Where(line => !acceptedWarnings.Any(accepted => line.Contains(accepted, StringComparison.Ordinal))).ToArray();
        Assert.True(iod == expectedIod && errors.Length == 0 && unexplained.Length == 0,
            $"dciodvfy checked the file as '{iod}' (expected '{expectedIod}') and found {errors.Length} error(s) and {unexplained.Length} unexplained warning(s):\n" +
            string.Join('\n', errors.Concat(unexplained)));
    }

    /// <summary>Runs <c>dciodvfy</c>: the IOD it recognised (its first output line), its error lines and its warning lines.</summary>
    public static (string Iod, string[] Errors, string[] Warnings) Dciodvfy(string path)
    {
        var (_, output) = Run("dciodvfy", "dicom3tools", path);
        var lines = Lines(output);
        var iod = lines.FirstOrDefault(line => !line.StartsWith("Error", StringComparison.Ordinal) && !line.StartsWith("Warning", StringComparison.Ordinal)) ?? string.Empty;
        return (iod,
            lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal)).ToArray(),
            lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal)).ToArray());
    }

    /// <summary>Runs <paramref name="tool"/> and returns its exit code and combined stdout and stderr.</summary>
    public static (int ExitCode, string Output) Run(string tool, string debianPackage, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The reference tool '{tool}' (Debian package {debianPackage}) is not installed. Run ./build.sh deps to install it.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish within {Timeout.TotalSeconds} s.");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A file written for a reference tool; disposing deletes it and its folder.</summary>
internal sealed class TemporaryDicomFile(string path) : IDisposable
{
    /// <summary>The file's path.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
}
