using System.Globalization;
using System.IO.Compression;

namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// The Ingest stage: turns folders (walked recursively), single files and .zip archives into candidate files, and
/// reports everything it leaves out. Archives found at the top level or inside a folder are expanded in memory;
/// archives inside archives are not (reported). Limits come from <see cref="IngestOptions"/>.
/// </summary>
public sealed class InputCollector
{
    private const int CopyBufferBytes = 81_920;

    private readonly IngestOptions _options;
    private readonly List<InputItem> _items = [];
    private readonly List<SkippedInput> _skipped = [];
    private int _entryCount;
    private long _inflatedTotal;

    private InputCollector(IngestOptions options) => _options = options;

    /// <summary>Collects the candidates of the given paths (folders, files, .zip archives).</summary>
    /// <exception cref="IngestException">A path does not exist.</exception>
    /// <exception cref="IngestLimitException">A limit of <paramref name="options"/> was exceeded.</exception>
    public static IngestResult Collect(IEnumerable<string> paths, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var collector = new InputCollector(options ?? IngestOptions.Default);
        foreach (var path in paths) collector.AddPath(path);
        return collector.Result();
    }

    /// <summary>Collects the candidates of one path (a folder, a file or a .zip archive).</summary>
    /// <exception cref="IngestException">The path does not exist.</exception>
    /// <exception cref="IngestLimitException">A limit of <paramref name="options"/> was exceeded.</exception>
    public static IngestResult Collect(string path, IngestOptions? options = null) => Collect([path], options);

    /// <summary>Collects the candidates of a zip archive read from <paramref name="archive"/> (e.g. an uploaded blob).</summary>
    /// <param name="archive">A readable stream holding the archive (seekable streams avoid a copy).</param>
    /// <param name="archiveName">The name used in source names and reports.</param>
    /// <param name="options">Limits; <see cref="IngestOptions.Default"/> when null.</param>
    /// <exception cref="IngestLimitException">A limit of <paramref name="options"/> was exceeded.</exception>
    public static IngestResult CollectArchive(Stream archive, string archiveName, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentException.ThrowIfNullOrEmpty(archiveName);
        var collector = new InputCollector(options ?? IngestOptions.Default);
        collector.AddArchive(archive, archiveName);
        return collector.Result();
    }

    private IngestResult Result()
    {
        _items.Sort((a, b) => string.CompareOrdinal(a.SourceName, b.SourceName));
        return new IngestResult(_items.ToArray(), _skipped.ToArray());
    }

    private void AddPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) AddDirectory(path);
        else if (File.Exists(path)) AddFile(path, Path.GetFileName(path));
        else throw new IngestException($"'{path}' is neither a file nor a folder.");
    }

    private void AddDirectory(string root)
    {
        // Explicit walk rather than SearchOption.AllDirectories: links are reported instead of followed (no loops),
        // unreadable folders are reported instead of aborting, hidden files are not skipped silently.
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            var relativeDirectory = Path.GetRelativePath(root, directory.FullName);
            FileSystemInfo[] children;
            try
            {
                children = directory.GetFileSystemInfos("*", options);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                Skip(relativeDirectory, SkipReason.Unreadable, $"the folder cannot be read ({e.GetType().Name}).");
                continue;
            }

            Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var child in children)
            {
                var relative = Path.GetRelativePath(root, child.FullName);
                if (child is DirectoryInfo sub)
                {
                    if (sub.LinkTarget is not null) Skip(relative, SkipReason.Unreadable, "a link to a folder; links are not followed.");
                    else pending.Push(sub);
                }
                else
                {
                    AddFile(child.FullName, relative);
                }
            }
        }
    }

    private void AddFile(string path, string sourceName)
    {
        CountEntry(sourceName);
        long length;
        Span<byte> prefix = stackalloc byte[4];
        int prefixLength;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            length = stream.Length;
            prefixLength = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            Skip(sourceName, SkipReason.Unreadable, $"the file cannot be read ({e.GetType().Name}).");
            return;
        }

        if (ArchiveEntryNames.LooksLikeZip(prefix[..prefixLength]))
        {
            using var archive = File.OpenRead(path);
            AddArchive(archive, sourceName);
        }
        else if (length > _options.MaxEntryBytes)
        {
            Skip(sourceName, SkipReason.TooLarge, $"{Mib(length)} is larger than the {Mib(_options.MaxEntryBytes)} limit per file.");
        }
        else
        {
            _items.Add(InputItem.FromFile(sourceName, path));
        }
    }

    private void AddArchive(Stream stream, string archiveName)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            Skip(archiveName, SkipReason.CorruptArchive, $"not a readable zip archive ({e.Message}).");
            return;
        }

        using (archive)
        {
            foreach (var entry in archive.Entries)
            {
                var sourceName = $"{archiveName}!{entry.FullName}";
                if (entry.FullName.EndsWith('/') && entry.Length == 0) continue; // a folder record, not content
                CountEntry(sourceName);
                if (ArchiveEntryNames.TraversalProblem(entry.FullName) is { } problem)
                {
                    Skip(sourceName, SkipReason.PathTraversal, $"rejected: {problem}.");
                    continue;
                }

                if (entry.FullName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    Skip(sourceName, SkipReason.NestedArchive, "an archive inside an archive is not expanded.");
                    continue;
                }

                AddArchiveEntry(entry, sourceName);
            }
        }
    }

    private void AddArchiveEntry(ZipArchiveEntry entry, string sourceName)
    {
        byte[]? bytes;
        try
        {
            bytes = Inflate(entry, sourceName);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            Skip(sourceName, SkipReason.CorruptArchive, $"the entry cannot be inflated ({e.Message}).");
            return;
        }

        if (bytes is null) return;
        if (ArchiveEntryNames.LooksLikeZip(bytes))
        {
            Skip(sourceName, SkipReason.NestedArchive, "an archive inside an archive is not expanded.");
            return;
        }

        _items.Add(InputItem.FromBytes(sourceName, bytes));
    }

    /// <summary>Inflates one entry, enforcing the limits on the bytes as they come out; null when skipped as too large.</summary>
    private byte[]? Inflate(ZipArchiveEntry entry, string sourceName)
    {
        // The declared sizes are only a capacity hint, capped: a lying header cannot make us allocate.
        var capacity = (int)Math.Clamp(entry.Length, 0, Math.Min(_options.MaxEntryBytes, 16L << 20));
        using var output = new MemoryStream(capacity);
        using var input = entry.Open();
        var buffer = new byte[CopyBufferBytes];
        long inflated = 0;
        var compressed = Math.Max(1, entry.CompressedLength);
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            inflated += read;
            _inflatedTotal += read;
            if (_inflatedTotal > _options.MaxTotalBytes)
            {
                throw new IngestLimitException(
                    $"The upload inflates to more than {Mib(_options.MaxTotalBytes)} (limit reached in '{sourceName}'); rejected as a possible zip bomb.");
            }

            if (inflated >= _options.RatioCheckMinimumBytes && inflated > compressed * _options.MaxCompressionRatio)
            {
                throw new IngestLimitException(
                    $"'{sourceName}' inflates more than {_options.MaxCompressionRatio.ToString(CultureInfo.InvariantCulture)}× its compressed size; rejected as a possible zip bomb.");
            }

            if (inflated > _options.MaxEntryBytes)
            {
                Skip(sourceName, SkipReason.TooLarge, $"inflates to more than the {Mib(_options.MaxEntryBytes)} limit per file.");
                return null;
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    private void CountEntry(string sourceName)
    {
        if (++_entryCount > _options.MaxEntries)
        {
            throw new IngestLimitException(
                $"The upload holds more than {_options.MaxEntries.ToString(CultureInfo.InvariantCulture)} files and archive entries (limit reached at '{sourceName}').");
        }
    }

    private void Skip(string sourceName, SkipReason reason, string detail) => _skipped.Add(new SkippedInput(sourceName, reason, detail));

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB");
}
