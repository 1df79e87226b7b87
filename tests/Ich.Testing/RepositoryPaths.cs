using System.Reflection;

namespace Ich.Testing;

/// <summary>Finds the repository and its test data from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root: the folder that holds <c>IchFunctions.sln</c>.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        // Above the test binaries (the usual layout), else where this library was built from: a build with
        // --artifacts-path puts the binaries outside the repository.
        var builtFrom = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, builtFrom })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IchFunctions.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No IchFunctions.sln above {AppContext.BaseDirectory} or {builtFrom}.");
    }
}
