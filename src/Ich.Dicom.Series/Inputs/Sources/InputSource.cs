namespace Ich.Dicom.Series.Inputs.Sources;

/// <summary>
/// Something an upload is read from: a <see cref="FolderSource"/> (a tree), a <see cref="FileSource"/> or a
/// <see cref="StreamSource"/> a host provides (a blob). A file or stream whose bytes start like a zip is read as an
/// archive, entry by entry. Sources are live objects and are not serialised; what is serialised is the reference
/// string of each item (see <see cref="Upload"/>), which the same sources resolve again.
/// </summary>
public abstract class InputSource
{
    private protected InputSource(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The name the source's items are reported under: a file or folder name, or the name a host gave a stream.</summary>
    public string Name { get; }

    /// <summary>A folder or a file, whichever <paramref name="path"/> is.</summary>
    /// <exception cref="IngestException">The path is neither a file nor a folder.</exception>
    public static InputSource FromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) return new FolderSource(path);
        if (File.Exists(path)) return new FileSource(path);
        throw new IngestException($"'{path}' is neither a file nor a folder.");
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A source that is one stream of bytes: a DICOM file, or a zip archive of them.</summary>
public abstract class ContentSource : InputSource
{
    private protected ContentSource(string name) : base(name) { }

    /// <summary>Length in bytes, when known before reading.</summary>
    public abstract long? Length { get; }

    /// <summary>Opens a new stream over the whole content, positioned at its start. The caller disposes it.</summary>
    /// <exception cref="IOException">The content cannot be read.</exception>
    public abstract Stream OpenRead();
}
