namespace Ich.Cli;

/// <summary>Finds files of the checkout (the default model, the training host) from wherever <c>ich</c> runs.</summary>
internal static class RepositoryFiles
{
    /// <summary>
    /// <paramref name="relativePath"/> in the first ancestor of the current directory or of the executable that has
    /// it (<paramref name="exists"/> decides what counts), or null.
    /// </summary>
    public static string? FindUpwards(string relativePath, Func<string, bool> exists)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (exists(candidate)) return candidate;
            }
        }

        return null;
    }
}
