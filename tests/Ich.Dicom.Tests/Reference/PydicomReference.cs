using System.Diagnostics;
using System.Text.Json;
using Ich.Testing;

namespace Ich.Dicom.Tests.Reference;

/// <summary>
/// What pydicom 2.3 (Debian's python3-pydicom) reads from each fixture, produced once per test run by
/// Reference/pydicom_dump.py: the independent reference the reader is compared with.
/// </summary>
internal static class PydicomReference
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<JsonElement> Dump = new(Run);

    public static JsonElement For(string relativePath) =>
        Dump.Value.TryGetProperty(Fixtures.Path(relativePath), out var file)
            ? file
            : throw new InvalidOperationException($"pydicom_dump.py gave nothing for {relativePath}.");

    private static JsonElement Run()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: run ./build.sh deps (installs python3-pydicom) before the tests.");
        }
        var script = Path.Combine(AppContext.BaseDirectory, "Reference", "pydicom_dump.py");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var file in Fixtures.Readable) start.ArgumentList.Add(Fixtures.Path(file));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pydicom_dump.py failed (is python3-pydicom installed? ./build.sh deps): {stderr.Result}");
        }
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
