namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// One candidate file of an upload: a file on disk (read when needed, so a large tree is not held in memory) or
/// an entry already inflated from an archive.
/// </summary>
public sealed class InputItem
{
    private readonly string? _path;
    private readonly ReadOnlyMemory<byte> _bytes;

    private InputItem(string sourceName, string? path, ReadOnlyMemory<byte> bytes)
    {
        SourceName = sourceName;
        _path = path;
        _bytes = bytes;
    }

    /// <summary>Where the item came from, for reports: a path, or <c>archive.zip!entry/name</c>.</summary>
    public string SourceName { get; }

    /// <summary>The file behind the item, or null for an in-memory item.</summary>
    internal string? FilePath => _path;

    /// <summary>An item backed by a file on disk.</summary>
    public static InputItem FromFile(string sourceName, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new InputItem(sourceName, path, default);
    }

    /// <summary>An item whose bytes are already in memory (an inflated archive entry, a test buffer).</summary>
    public static InputItem FromBytes(string sourceName, ReadOnlyMemory<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return new InputItem(sourceName, null, bytes);
    }

    /// <summary>The item's bytes (reads the file each time for file-backed items).</summary>
    /// <exception cref="IOException">The file can no longer be read.</exception>
    public ReadOnlyMemory<byte> ReadBytes() => _path is null ? _bytes : File.ReadAllBytes(_path);

    /// <summary>The item's bytes in a pooled buffer (dispose the result as soon as the bytes are no longer used).</summary>
    /// <exception cref="IOException">The file can no longer be read.</exception>
    internal RentedBytes RentBytes() => _path is null ? RentedBytes.Borrowed(_bytes) : RentedBytes.ReadFile(_path);

    /// <inheritdoc />
    public override string ToString() => SourceName;
}
