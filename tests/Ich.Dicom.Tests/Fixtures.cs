using Ich.Testing;

namespace Ich.Dicom.Tests;

/// <summary>The real DICOM files under tests/data/dicom.</summary>
internal static class Fixtures
{
    /// <summary>Files that are broken on purpose (each has its own bad-input test).</summary>
    private static readonly string[] Broken = ["mr-truncated", "parser-truncated-rtplan", "parser-bad-offset-dataset"];

    public static string Root { get; } = System.IO.Path.Combine(RepositoryRoot(), "tests", "data", "dicom");

    /// <summary>A fixture file by its path below tests/data/dicom, e.g. "ct-small-explicit-le/CT_small.dcm".</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>
    /// The repository root: found from the test binaries, or (when they are built outside the checkout with
    /// --artifacts-path) from this source file's location.
    /// </summary>
    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        try
        {
            return RepositoryPaths.Root;
        }
        catch (DirectoryNotFoundException)
        {
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(sourceFile)!, "..", ".."));
        }
    }

    /// <summary>Every readable fixture file, as paths relative to tests/data/dicom.</summary>
    public static IReadOnlyList<string> Readable { get; } = Directory
        .EnumerateFiles(Root, "*.dcm", SearchOption.AllDirectories)
        .Select(p => System.IO.Path.GetRelativePath(Root, p).Replace('\\', '/'))
        .Where(p => !Broken.Any(b => p.StartsWith(b + "/", StringComparison.Ordinal)))
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> ReadableData()
    {
        var data = new TheoryData<string>();
        foreach (var file in Readable) data.Add(file);
        return data;
    }

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));
}
