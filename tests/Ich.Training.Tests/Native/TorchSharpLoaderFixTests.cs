using System.Diagnostics;
using Ich.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Ich.Training.Tests.Native;

public sealed class TorchSharpLoaderFixTests
{
    private static readonly string Script = RepositoryPaths.Combine("scripts", "torchsharp", "weaken_glibcxx.py");

    [Fact]
    public void TorchSharp_LoadsAndRunsAConvolution()
    {
        // Arrange: a 3×3 mean filter over a ramp, whose result is known without TorchSharp.
        using var input = arange(25, dtype: float32).view(1, 1, 5, 5);
        using var kernel = full(new long[] { 1, 1, 3, 3 }, 1f / 9);

        // Act
        using var output = nn.functional.conv2d(input, kernel);

        // Assert: the mean of a 3×3 window of a ramp is its centre value.
        Assert.Equal(new long[] { 1, 1, 3, 3 }, output.shape);
        Assert.Equal(6f, output[0, 0, 0, 0].item<float>(), 4);
        Assert.Equal(18f, output[0, 0, 2, 2].item<float>(), 4);
    }

    [Fact]
    public void OutputCopy_NeedsNoFurtherPatch()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

        var (exitCode, output) = RunScript(library, "--check");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Patch_IsIdempotentAndLeavesTheSourceUntouched()
    {
        // Arrange: a fresh copy of the library as NuGet ships it.
        using var dir = new TempDirectory();
        var shipped = ShippedLibrary();
        var copy = Path.Combine(dir.Path, "libLibTorchSharp.so");
        File.Copy(shipped, copy);
        var shippedBytes = File.ReadAllBytes(shipped);

        // Act
        var first = RunScript(copy);
        var afterFirst = File.ReadAllBytes(copy);
        var second = RunScript(copy);

        // Assert
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(afterFirst, File.ReadAllBytes(copy));
        Assert.Equal(shippedBytes, File.ReadAllBytes(shipped));
        if (!SystemHasGlibcxx3432())
        {
            Assert.Contains("marked GLIBCXX_3.4.32 weak", first.Output);
            Assert.Equal(1, shippedBytes.Zip(afterFirst).Count(pair => pair.First != pair.Second));
        }
    }

    [Fact]
    public void Patch_DoesNothingWhenTheSystemLibstdcxxHasTheVersion()
    {
        // Arrange: a stand-in libstdc++ that provides every GLIBCXX version the library asks for.
        using var dir = new TempDirectory();
        var copy = Path.Combine(dir.Path, "libLibTorchSharp.so");
        File.Copy(ShippedLibrary(), copy);
        var newer = Path.Combine(dir.Path, "libstdc++.so.6");
        File.WriteAllBytes(newer, File.ReadAllBytes(SystemLibstdcxx()).Concat("GLIBCXX_3.4.32\0"u8.ToArray()).ToArray());

        // Act
        var (exitCode, output) = RunScript(copy, "--system-libstdcxx", newer);

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Contains("nothing to do", output);
        Assert.Equal(File.ReadAllBytes(ShippedLibrary()), File.ReadAllBytes(copy));
    }

    [Fact]
    public void Patch_RefusesAVersionThatARelocationNeeds()
    {
        // Arrange: a "libstdc++" with no GLIBCXX versions at all, so versions that relocations use are missing too.
        using var dir = new TempDirectory();
        var copy = Path.Combine(dir.Path, "libLibTorchSharp.so");
        File.Copy(ShippedLibrary(), copy);
        var empty = Path.Combine(dir.Path, "libstdc++.so.6");
        File.WriteAllBytes(empty, [0x7f, (byte)'E', (byte)'L', (byte)'F']);

        // Act
        var (exitCode, output) = RunScript(copy, "--system-libstdcxx", empty);

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("unsafe", output);
        Assert.Equal(File.ReadAllBytes(ShippedLibrary()), File.ReadAllBytes(copy));
    }

    private static string ShippedLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var version = typeof(torch).Assembly.GetName().Version!;
        return Path.Combine(packages, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}",
            "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    private static string SystemLibstdcxx() =>
        new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }
            .First(File.Exists);

    private static bool SystemHasGlibcxx3432() =>
        File.ReadAllBytes(SystemLibstdcxx()).AsSpan().IndexOf("GLIBCXX_3.4.32\0"u8) >= 0;

    private static (int ExitCode, string Output) RunScript(params string[] args)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
