namespace Ich.Dicom.Series.Inputs.Sources;

/// <summary>A folder tree, walked recursively; links inside it are skipped and reported, never followed.</summary>
public sealed class FolderSource : InputSource
{
    /// <summary>Creates the source of the folder at <paramref name="path"/> (not read until collected).</summary>
    public FolderSource(string path) : base(NameOf(path)) => FullPath = Path.GetFullPath(path);

    /// <summary>The folder's absolute path.</summary>
    public string FullPath { get; }

    private static string NameOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        return name.Length == 0 ? "/" : name;
    }
}
