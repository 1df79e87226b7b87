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
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IchFunctions.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No IchFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
