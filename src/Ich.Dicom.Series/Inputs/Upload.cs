using System.Globalization;
using Ich.Dicom.Series.Inputs.Sources;

namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// An upload opened for reading: its sources, its limits, and the archives it keeps open. <see cref="Collect"/> lists
/// the candidate files; every later read goes by an item's <see cref="InputItem.SourceName"/>, a plain string that
/// survives serialisation, so a stage in another process opens the same sources again and reads the same bytes.
/// Archives are read entry by entry (only their central directory stays in memory); a forward-only stream holding
/// an archive is spooled once to a temporary file. Dispose to close archives and delete spooled copies.
/// </summary>
/// <remarks>
/// Item names: a folder's files by their path relative to the folder, a file or stream by its name, an archive
/// entry as <c>archive!entry</c>. When an upload has several sources, a folder's items are prefixed with the
/// folder's name (<c>study/series/IM-1.dcm</c>), so source names must then be distinct.
/// </remarks>
public sealed class Upload : IDisposable
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    private readonly Dictionary<string, ArchiveHandle> _archives = new(StringComparer.Ordinal);
    private bool _disposed;

    private Upload(IReadOnlyList<InputSource> sources, IngestOptions options)
    {
        Sources = sources;
        Options = options;
    }

    /// <summary>The sources, in the order given.</summary>
    public IReadOnlyList<InputSource> Sources { get; }

    /// <summary>The limits every read is held to.</summary>
    public IngestOptions Options { get; }

    /// <summary>Opens an upload of <paramref name="sources"/> (nothing is read yet).</summary>
    /// <exception cref="IngestException">No source, or two sources share a name.</exception>
    public static Upload Open(IEnumerable<InputSource> sources, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var list = sources.ToArray();
        if (list.Length == 0) throw new IngestException("Nothing to ingest: no source given.");
        if (list.Length > 1 && list.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new IngestException($"Two inputs are named '{twice.Key}': items of several inputs are named after them, so names must differ.");
        }

        return new Upload(list, options ?? IngestOptions.Default);
    }

    /// <summary>Opens an upload of folders and files (zip archives among them) by path.</summary>
    /// <exception cref="IngestException">A path is neither a file nor a folder, or two share a name.</exception>
    public static Upload Open(IEnumerable<string> paths, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Open(paths.Select(InputSource.FromPath), options);
    }

    /// <summary>Opens an upload of one folder or file by path.</summary>
    /// <exception cref="IngestException">The path is neither a file nor a folder.</exception>
    public static Upload Open(string path, IngestOptions? options = null) => Open([path], options);

    /// <summary>Walks every source and lists the candidate files and everything left out, checking every limit on bytes actually read.</summary>
    /// <exception cref="IngestLimitException">A limit of <see cref="Options"/> was exceeded.</exception>
    public IngestResult Collect()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return InputCollector.Run(this);
    }

    /// <summary>The bytes of the item named <paramref name="sourceName"/>.</summary>
    /// <exception cref="IOException">No such item, it can no longer be read, or it grew past <see cref="IngestOptions.MaxEntryBytes"/>.</exception>
    /// <exception cref="IngestLimitException">An archive entry inflates past the compression-ratio limit.</exception>
    public byte[] ReadAllBytes(string sourceName)
    {
        using var bytes = Rent(sourceName);
        return bytes.Memory.ToArray();
    }

    /// <summary>The bytes of the item named <paramref name="sourceName"/>, as a stream (an archive entry is inflated first, within the limits).</summary>
    /// <exception cref="IOException">No such item, or it can no longer be read.</exception>
    public Stream OpenRead(string sourceName)
    {
        var (container, entry) = Locate(sourceName);
        return entry is null && container.FilePath is { } path ? File.OpenRead(path) : new MemoryStream(ReadAllBytes(sourceName), writable: false);
    }

    /// <summary>The item's bytes in a pooled buffer; dispose it as soon as the bytes are no longer used.</summary>
    internal RentedBytes Rent(string sourceName)
    {
        var (container, entry) = Locate(sourceName);
        if (entry is null)
        {
            if (container.FilePath is { } path) return RentedBytes.ReadFile(path);
            using var whole = new BoundedReadStream(container.Source!.OpenRead(), long.MaxValue, Options, sourceName);
            return RentedBytes.ReadStream(whole, container.Source.Length ?? 0, Options.MaxEntryBytes);
        }

        return WithEntry(container, entry, sourceName, (stream, declared) => RentedBytes.ReadStream(stream, declared, Options.MaxEntryBytes));
    }

    /// <summary>The item's header (no pixel data); only a prefix of a file or entry is read.</summary>
    internal DicomFile ReadHeader(string sourceName)
    {
        var (container, entry) = Locate(sourceName);
        if (entry is null)
        {
            if (container.FilePath is { } path) return DicomReader.Read(path, HeaderOnly);
            using var whole = new BoundedReadStream(container.Source!.OpenRead(), long.MaxValue, Options, sourceName);
            return DicomReader.ReadHeader(whole);
        }

        return WithEntry(container, entry, sourceName, (stream, _) => DicomReader.ReadHeader(stream));
    }

    /// <summary>The name of an item of <paramref name="source"/> at <paramref name="relative"/> (a folder's relative path; empty for a whole file or stream).</summary>
    internal string ItemName(InputSource source, string relative) => source switch
    {
        FolderSource => Sources.Count > 1 ? $"{source.Name}/{relative}" : relative,
        _ => source.Name,
    };

    /// <summary>The archive in <paramref name="container"/>, opened once and kept until the upload is disposed.</summary>
    /// <exception cref="InvalidDataException">Not a readable zip archive.</exception>
    /// <exception cref="IngestLimitException">A forward-only stream is larger than the limits allow spooling.</exception>
    internal ArchiveHandle Archive(Container container)
    {
        lock (_archives)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_archives.TryGetValue(container.Key, out var open)) return open;
            var handle = ArchiveHandle.Open(SeekableStream(container));
            _archives.Add(container.Key, handle);
            return handle;
        }
    }

    /// <summary>Finds the file, stream or archive entry behind <paramref name="sourceName"/>.</summary>
    /// <exception cref="FileNotFoundException">The upload has no such item.</exception>
    internal (Container Container, string? Entry) Locate(string sourceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (source, rest) = SourceOf(sourceName);
        if (source is ContentSource content)
        {
            if (rest == content.Name) return (Container.Of(content), null);
            return (Container.Of(content), rest[(content.Name.Length + 1)..]);
        }

        var folder = (FolderSource)source;
        if (FileUnder(folder, rest) is { } file) return (Container.Of(file), null);
        for (var bang = rest.IndexOf('!'); bang > 0; bang = rest.IndexOf('!', bang + 1))
        {
            if (FileUnder(folder, rest[..bang]) is { } archive) return (Container.Of(archive), rest[(bang + 1)..]);
        }

        throw new FileNotFoundException($"The upload has no file '{sourceName}'.");
    }

    /// <summary>Megabytes for messages.</summary>
    internal static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB");

    /// <summary>Closes the archives kept open and deletes spooled copies.</summary>
    public void Dispose()
    {
        lock (_archives)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var archive in _archives.Values) archive.Dispose();
            _archives.Clear();
        }
    }

    private (InputSource Source, string Remainder) SourceOf(string sourceName)
    {
        if (Sources.Count == 1) return Owns(Sources[0], sourceName) ? (Sources[0], sourceName) : throw NotFound(sourceName);
        var prefixed = Sources.Where(s => s is FolderSource ? sourceName.StartsWith(s.Name + "/", StringComparison.Ordinal) : Owns(s, sourceName))
            .MaxBy(s => s.Name.Length) ?? throw NotFound(sourceName);
        return (prefixed, prefixed is FolderSource ? sourceName[(prefixed.Name.Length + 1)..] : sourceName);
    }

    private static bool Owns(InputSource source, string name) =>
        source is FolderSource || name == source.Name || name.StartsWith(source.Name + "!", StringComparison.Ordinal);

    private static FileNotFoundException NotFound(string sourceName) => new($"No input of the upload holds '{sourceName}'.");

    /// <summary>The regular file at <paramref name="relative"/> under the folder, or null (outside it, a link, or absent).</summary>
    private static string? FileUnder(FolderSource folder, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(folder.FullPath, relative));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(folder.FullPath) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        var info = new FileInfo(full);
        return info.Exists && info.LinkTarget is null ? full : null;
    }

    private T WithEntry<T>(Container container, string entryName, string sourceName, Func<Stream, long, T> read)
    {
        var archive = Archive(container);
        lock (archive.Gate)
        {
            var entry = archive.Entry(entryName);
            using var stream = new BoundedReadStream(entry.Open(), entry.CompressedLength, Options, sourceName);
            return read(stream, entry.Length);
        }
    }

    /// <summary>A seekable stream over the container: the file, the provider's stream when it seeks, else a spooled copy.</summary>
    private Stream SeekableStream(Container container)
    {
        var stream = container.OpenRead();
        if (stream.CanSeek) return stream;
        using (stream)
        {
            var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"ich-spool-{Guid.NewGuid():N}.zip"), FileMode.CreateNew,
                FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            try
            {
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    if (spool.Length + read > Options.MaxSpoolBytes)
                    {
                        throw new IngestLimitException(
                            $"'{container.Key}' is larger than the {Mib(Options.MaxSpoolBytes)} an archive read from a stream may take on disk.");
                    }

                    spool.Write(buffer, 0, read);
                }

                spool.Position = 0;
                return spool;
            }
            catch
            {
                spool.Dispose();
                throw;
            }
        }
    }
}

/// <summary>What holds an item's bytes: a file on disk or a host's stream source; <see cref="Key"/> names it once per upload.</summary>
internal readonly record struct Container(string Key, string? FilePath, ContentSource? Source)
{
    public static Container Of(string filePath) => new("file:" + filePath, filePath, null);

    public static Container Of(ContentSource source) =>
        source is FileSource file ? Of(file.FullPath) : new Container("stream:" + source.Name, null, source);

    public Stream OpenRead() => FilePath is { } path
        ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.RandomAccess)
        : Source!.OpenRead();
}
