using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using Ich.Dicom.Series.Inputs.Sources;

namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// The walk behind <see cref="Upload.Collect"/>: turns folders (recursively), files, streams and the zip archives
/// among them into candidate items, and reports everything it leaves out. Each archive entry is inflated once here,
/// through a small buffer and nowhere else, so every limit is checked on real bytes without holding them; archives
/// inside archives are not expanded (reported).
/// </summary>
internal sealed class InputCollector
{
    private const int CopyBufferBytes = 81_920;

    private readonly Upload _upload;
    private readonly IngestOptions _options;
    private readonly List<InputItem> _items = [];
    private readonly List<SkippedInput> _skipped = [];
    private int _entryCount;
    private long _inflatedTotal;

    private InputCollector(Upload upload)
    {
        _upload = upload;
        _options = upload.Options;
    }

    /// <summary>Collects every source of <paramref name="upload"/>.</summary>
    public static IngestResult Run(Upload upload)
    {
        var collector = new InputCollector(upload);
        foreach (var source in upload.Sources)
        {
            switch (source)
            {
                case FolderSource folder:
                    collector.AddDirectory(folder);
                    break;
                case ContentSource content:
                    collector.AddContent(content, upload.ItemName(content, ""));
                    break;
            }
        }

        collector._items.Sort((a, b) => string.CompareOrdinal(a.SourceName, b.SourceName));
        return new IngestResult(collector._items.ToArray(), collector._skipped.ToArray());
    }

    private void AddDirectory(FolderSource source)
    {
        // Explicit walk rather than SearchOption.AllDirectories: links are reported instead of followed (no loops, no
        // reaching outside the upload), unreadable folders are reported instead of aborting, hidden files are not
        // skipped silently.
        var root = source.FullPath;
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
                Skip(_upload.ItemName(source, relativeDirectory), SkipReason.Unreadable, $"the folder cannot be read ({e.GetType().Name}).");
                continue;
            }

            Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var child in children)
            {
                var name = _upload.ItemName(source, Path.GetRelativePath(root, child.FullName));
                if (child.LinkTarget is not null)
                {
                    CountEntry(name);
                    Skip(name, SkipReason.Link, $"a link to a {(child is DirectoryInfo ? "folder" : "file")}; links are not followed.");
                }
                else if (child is DirectoryInfo sub)
                {
                    pending.Push(sub);
                }
                else
                {
                    AddFile(child.FullName, name);
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

        if (ArchiveEntryNames.LooksLikeZip(prefix[..prefixLength])) AddArchive(Container.Of(path), sourceName);
        else AddItem(sourceName, length);
    }

    private void AddContent(ContentSource source, string sourceName)
    {
        if (source is FileSource file)
        {
            AddFile(file.FullPath, sourceName);
            return;
        }

        CountEntry(sourceName);
        var prefix = new byte[4];
        int prefixLength;
        long? length = source.Length;
        try
        {
            using var stream = source.OpenRead();
            prefixLength = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
            if (length is null && !ArchiveEntryNames.LooksLikeZip(prefix.AsSpan(0, prefixLength)))
            {
                length = prefixLength + Drain(stream, sourceName, countTowardsTotal: false);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            Skip(sourceName, SkipReason.Unreadable, $"the stream cannot be read ({e.GetType().Name}).");
            return;
        }

        if (ArchiveEntryNames.LooksLikeZip(prefix.AsSpan(0, prefixLength))) AddArchive(Container.Of(source), sourceName);
        else AddItem(sourceName, length ?? 0);
    }

    private void AddItem(string sourceName, long length)
    {
        if (length > _options.MaxEntryBytes)
        {
            Skip(sourceName, SkipReason.TooLarge, $"{Upload.Mib(length)} is larger than the {Upload.Mib(_options.MaxEntryBytes)} limit per file.");
        }
        else
        {
            _items.Add(new InputItem(sourceName, length));
        }
    }

    private void AddArchive(Container container, string archiveName)
    {
        ArchiveHandle archive;
        try
        {
            archive = _upload.Archive(container);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            Skip(archiveName, SkipReason.CorruptArchive, $"not a readable zip archive ({e.Message}).");
            return;
        }

        foreach (var entry in archive.Entries)
        {
            var sourceName = $"{archiveName}!{entry.FullName}";
            if (entry.FullName.EndsWith('/') && entry.Length == 0) continue; // a folder record, not content
            CountEntry(sourceName);
            if (ArchiveEntryNames.TraversalProblem(entry.FullName) is { } problem)
            {
                Skip(sourceName, SkipReason.PathTraversal, $"rejected: {problem}.");
            }
            else if (entry.FullName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                Skip(sourceName, SkipReason.NestedArchive, "an archive inside an archive is not expanded.");
            }
            else if (!archive.IsFirstOfItsName(entry))
            {
                Skip(sourceName, SkipReason.CorruptArchive, "a second entry of the same name; only the first is read.");
            }
            else
            {
                AddArchiveEntry(entry, sourceName);
            }
        }
    }

    /// <summary>Inflates one entry through a small buffer, enforcing the limits as bytes come out, and keeps only its name and size.</summary>
    private void AddArchiveEntry(ZipArchiveEntry entry, string sourceName)
    {
        long length;
        var prefix = new byte[4];
        int prefixLength;
        try
        {
            using var input = new BoundedReadStream(entry.Open(), entry.CompressedLength, _options, sourceName);
            prefixLength = input.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
            _inflatedTotal += prefixLength;
            length = prefixLength + Drain(input, sourceName, countTowardsTotal: true);
        }
        catch (EntryTooLargeException)
        {
            Skip(sourceName, SkipReason.TooLarge, $"inflates to more than the {Upload.Mib(_options.MaxEntryBytes)} limit per file.");
            return;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            Skip(sourceName, SkipReason.CorruptArchive, $"the entry cannot be inflated ({e.Message}).");
            return;
        }

        if (ArchiveEntryNames.LooksLikeZip(prefix.AsSpan(0, prefixLength)))
        {
            Skip(sourceName, SkipReason.NestedArchive, "an archive inside an archive is not expanded.");
            return;
        }

        _items.Add(new InputItem(sourceName, length));
    }

    /// <summary>Reads <paramref name="input"/> to its end and returns how many bytes it held, checking the upload's total when asked.</summary>
    private long Drain(Stream input, string sourceName, bool countTowardsTotal)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            long total = 0;
            int read;
            while ((read = input.Read(buffer, 0, CopyBufferBytes)) > 0)
            {
                total += read;
                if (!countTowardsTotal) continue;
                _inflatedTotal += read;
                if (_inflatedTotal > _options.MaxTotalBytes)
                {
                    throw new IngestLimitException(
                        $"The upload inflates to more than {Upload.Mib(_options.MaxTotalBytes)} (limit reached in '{sourceName}'); rejected as a possible zip bomb.");
                }
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
}
