using System.IO.Compression;

namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// One zip archive kept open while an <see cref="Upload"/> lives: only its central directory is held in memory, and
/// each entry is inflated when it is read. Entries of one archive share one stream, so reads take turns (the lock);
/// decoding, the costly part, runs outside it.
/// </summary>
internal sealed class ArchiveHandle : IDisposable
{
    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _byName = new(StringComparer.Ordinal);

    private ArchiveHandle(ZipArchive archive)
    {
        _archive = archive;
        foreach (var entry in archive.Entries) _byName.TryAdd(entry.FullName, entry); // a repeated name resolves to its first entry
    }

    /// <summary>The entries in archive order.</summary>
    public IReadOnlyList<ZipArchiveEntry> Entries => _archive.Entries;

    /// <summary>The object reads of this archive lock on.</summary>
    public object Gate { get; } = new();

    /// <summary>Opens the archive over <paramref name="stream"/> (seekable; owned and disposed by the handle).</summary>
    /// <exception cref="InvalidDataException">Not a readable zip archive.</exception>
    public static ArchiveHandle Open(Stream stream)
    {
        try
        {
            return new ArchiveHandle(new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="entry"/> is the one its name resolves to (false for a later entry of the same name).</summary>
    public bool IsFirstOfItsName(ZipArchiveEntry entry) => ReferenceEquals(_byName[entry.FullName], entry);

    /// <summary>The entry named <paramref name="fullName"/>.</summary>
    /// <exception cref="FileNotFoundException">No such entry.</exception>
    public ZipArchiveEntry Entry(string fullName) =>
        _byName.TryGetValue(fullName, out var entry) ? entry : throw new FileNotFoundException($"The archive has no entry '{fullName}'.");

    public void Dispose() => _archive.Dispose();
}
