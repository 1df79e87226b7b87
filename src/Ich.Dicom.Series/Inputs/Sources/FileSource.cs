namespace Ich.Dicom.Series.Inputs.Sources;

/// <summary>One file on disk: a DICOM file, or a zip archive (read in place, entry by entry).</summary>
public sealed class FileSource : ContentSource
{
    /// <summary>Creates the source of the file at <paramref name="path"/> (not read until collected).</summary>
    public FileSource(string path) : base(Path.GetFileName(Path.GetFullPath(path))) => FullPath = Path.GetFullPath(path);

    /// <summary>The file's absolute path.</summary>
    public string FullPath { get; }

    /// <inheritdoc />
    public override long? Length => File.Exists(FullPath) ? new FileInfo(FullPath).Length : null;

    /// <inheritdoc />
    public override Stream OpenRead() =>
        new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.RandomAccess);
}
