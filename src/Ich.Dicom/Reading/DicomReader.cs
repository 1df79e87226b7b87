using System.Buffers.Binary;
using System.IO.Compression;

namespace Ich.Dicom;

/// <summary>
/// Reads DICOM Part 10 files (with or without the 128-byte preamble) and bare datasets (no meta: implicit or
/// explicit VR little endian, sniffed). Large values such as pixel data are slices of the input, never copies,
/// except where big-endian data must be byte-swapped or a deflated dataset inflated.
/// </summary>
public static class DicomReader
{
    private const int PreambleLength = 128;
    private const int FirstHeaderChunk = 64 * 1024;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="DicomException">The file is not DICOM or is broken (see the subclasses).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DicomFile Read(string path, DicomReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= DicomReadOptions.Default;
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var fileLength = RandomAccess.GetLength(handle);
        if (fileLength > Array.MaxLength)
        {
            throw new DicomFormatException($"The file is {fileLength} bytes, more than one buffer can hold; files over 2 GiB are not supported");
        }
        if (!options.StopBeforePixelData || fileLength <= FirstHeaderChunk)
        {
            return Read(ReadPrefix(handle, (int)fileLength), options);
        }

        // Header-only: read a prefix, and read more only if the header runs past it.
        var prefix = ReadPrefix(handle, FirstHeaderChunk);
        while (true)
        {
            try
            {
                return Parse(prefix, options, isPrefix: prefix.Length < fileLength);
            }
            catch (DicomFormatException e) when (e.IsUnexpectedEnd && prefix.Length < fileLength)
            {
                prefix = ReadPrefix(handle, (int)Math.Min(fileLength, (long)prefix.Length * 4));
            }
        }
    }

    /// <summary>
    /// Reads a DICOM file from <paramref name="stream"/> (e.g. a blob or a zip entry): the stream is read to its end
    /// into memory first, since values are slices of one buffer.
    /// </summary>
    /// <exception cref="DicomException">The input is not DICOM or is broken (see the subclasses).</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static DicomFile Read(Stream stream, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            var remaining = stream.Length - stream.Position;
            if (remaining > Array.MaxLength)
            {
                throw new DicomFormatException($"The stream holds {remaining} bytes, more than one buffer can hold; inputs over 2 GiB are not supported");
            }
            var bytes = GC.AllocateUninitializedArray<byte>((int)remaining);
            stream.ReadExactly(bytes);
            return Read(bytes, options);
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.GetBuffer().AsMemory(0, (int)copy.Length), options);
    }

    /// <summary>
    /// Reads the header (everything before Pixel Data) from a stream that can only be read forward, such as a zip entry
    /// or a blob: a prefix is read, and more only when the header runs past it, so the pixel data is seldom read.
    /// </summary>
    /// <param name="stream">The file's bytes from their start; read forward, not disposed.</param>
    /// <param name="options">Read options; <see cref="DicomReadOptions.StopBeforePixelData"/> is implied.</param>
    /// <exception cref="DicomException">The input is not DICOM or is broken (see the subclasses).</exception>
    /// <exception cref="IOException">The stream cannot be read, or holds more than 2 GiB before the pixel data.</exception>
    public static DicomFile ReadHeader(Stream stream, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options = (options ?? DicomReadOptions.Default) with { StopBeforePixelData = true };
        var buffer = new byte[FirstHeaderChunk];
        var used = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        while (true)
        {
            var whole = used < buffer.Length;
            try
            {
                return Parse(buffer.AsMemory(0, used), options, isPrefix: !whole);
            }
            catch (DicomFormatException e) when (e.IsUnexpectedEnd && !whole)
            {
                if (buffer.Length >= Array.MaxLength / 4) throw new IOException("The header is larger than 512 MiB; not supported.", e);
                Array.Resize(ref buffer, buffer.Length * 4);
                used += stream.ReadAtLeast(buffer.AsSpan(used), buffer.Length - used, throwOnEndOfStream: false);
            }
        }
    }

    /// <summary>Reads a file held in memory. Values of the result are slices of <paramref name="bytes"/>: do not change it afterwards.</summary>
    /// <exception cref="DicomException">The input is not DICOM or is broken (see the subclasses).</exception>
    public static DicomFile Read(ReadOnlyMemory<byte> bytes, DicomReadOptions? options = null) =>
        Parse(bytes, options ?? DicomReadOptions.Default, isPrefix: false);

    private static DicomFile Parse(ReadOnlyMemory<byte> bytes, DicomReadOptions options, bool isPrefix)
    {
        var span = bytes.Span;
        int start;
        if (span.Length >= PreambleLength + 4 && span.Slice(PreambleLength, 4).SequenceEqual("DICM"u8)) start = PreambleLength + 4;
        else if (span.Length >= 4 && span[..4].SequenceEqual("DICM"u8)) start = 4;
        else return ParseBare(bytes, options);

        var meta = new DicomDataset();
        var metaParser = new DatasetParser(bytes, explicitVR: true, bigEndian: false, options, stopBeforePixelData: false) { Position = start };
        metaParser.ReadMetaGroup(meta);
        var syntax = TransferSyntaxOf(meta, bytes, metaParser.Position);
        return ParseDataset(bytes, metaParser.Position, meta, syntax, options, isPrefix);
    }

    private static DicomFile ParseDataset(ReadOnlyMemory<byte> bytes, int start, DicomDataset meta, TransferSyntax syntax, DicomReadOptions options, bool isPrefix)
    {
        var body = bytes;
        if (syntax.IsDeflated)
        {
            if (isPrefix) throw new DicomFormatException("A deflated dataset must be read whole") { IsUnexpectedEnd = true };
            body = Inflate(bytes[start..], options.MaxInflatedBytes);
            start = 0;
        }
        var dataset = new DicomDataset();
        var parser = new DatasetParser(body, syntax.IsExplicitVR, syntax.IsBigEndian, options, options.StopBeforePixelData) { Position = start };
        parser.ReadTopLevel(dataset);
        if (isPrefix && !parser.StoppedAtPixelData)
        {
            // The prefix ended on an element boundary before Pixel Data: the rest of the header is still unread.
            throw new DicomFormatException("The header continues past the bytes read so far") { IsUnexpectedEnd = true };
        }
        return new DicomFile(meta, dataset, syntax);
    }

    /// <summary>The transfer syntax named in the meta group, or sniffed from the dataset when the meta group lacks it.</summary>
    private static TransferSyntax TransferSyntaxOf(DicomDataset meta, ReadOnlyMemory<byte> bytes, int datasetStart)
    {
        var uid = meta.GetString(DicomTags.TransferSyntaxUID);
        if (!string.IsNullOrWhiteSpace(uid)) return TransferSyntax.FromUid(uid);
        return Sniff(bytes.Span[datasetStart..]) ?? TransferSyntax.ImplicitVRLittleEndian;
    }

    private static DicomFile ParseBare(ReadOnlyMemory<byte> bytes, DicomReadOptions options)
    {
        var syntax = Sniff(bytes.Span) ?? throw new NotDicomException(
            "The input is not DICOM: it has no \"DICM\" marker and does not start like a dataset (a group 0002–0028 element with a plausible header).");
        var meta = new DicomDataset();
        var start = 0;
        if (BinaryPrimitives.ReadUInt16LittleEndian(bytes.Span) == 0x0002)
        {
            // A meta group without the DICM marker (old or hand-made files): read it, then follow its transfer syntax.
            var metaParser = new DatasetParser(bytes, explicitVR: true, bigEndian: false, options, stopBeforePixelData: false);
            metaParser.ReadMetaGroup(meta);
            start = metaParser.Position;
            syntax = TransferSyntaxOf(meta, bytes, start);
        }
        return ParseDataset(bytes, start, meta, syntax, options, isPrefix: false);
    }

    /// <summary>
    /// Guesses the encoding of a dataset from its first element header: group 0x0800 read little endian means big
    /// endian; two uppercase letters after the tag mean explicit VR. Null if the header is not plausible.
    /// </summary>
    private static TransferSyntax? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8) return null;
        var group = BinaryPrimitives.ReadUInt16LittleEndian(data);
        var bigEndianGroup = BinaryPrimitives.ReadUInt16BigEndian(data);
        var explicitVR = DicomVR.TryRead(data.Slice(4, 2), out var vr) && vr.IsKnown;
        if (group is >= 0x0002 and <= 0x0028 && group % 2 == 0)
        {
            if (explicitVR) return TransferSyntax.ExplicitVRLittleEndian;
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            return length == 0xFFFFFFFF || length <= data.Length - 8 ? TransferSyntax.ImplicitVRLittleEndian : null;
        }
        if (bigEndianGroup is >= 0x0002 and <= 0x0028 && bigEndianGroup % 2 == 0 && explicitVR) return TransferSyntax.ExplicitVRBigEndian;
        return null;
    }

    private static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> compressed, int maxBytes)
    {
        try
        {
            using var input = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(compressed, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(compressed.ToArray(), writable: false);
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            var output = new byte[Math.Min(maxBytes, Math.Max(4096, compressed.Length * 4))];
            var used = 0;
            while (true)
            {
                if (used == output.Length)
                {
                    if (output.Length == maxBytes)
                    {
                        // One more byte would break the cap: a deflate bomb or a limit set too low.
                        if (deflate.ReadByte() < 0) break;
                        throw new DicomFormatException($"The deflated dataset inflates to more than the limit of {maxBytes} bytes");
                    }
                    Array.Resize(ref output, (int)Math.Min(maxBytes, (long)output.Length * 2));
                }
                var read = deflate.Read(output, used, output.Length - used);
                if (read == 0) break;
                used += read;
            }
            return output.AsMemory(0, used);
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException("The deflated dataset is not valid deflate data", innerException: e);
        }
    }

    /// <summary>The first <paramref name="count"/> bytes of the file (uninitialised array: every byte is overwritten).</summary>
    private static byte[] ReadPrefix(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int count)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(count);
        var done = 0;
        while (done < count)
        {
            var read = RandomAccess.Read(handle, bytes.AsSpan(done), done);
            if (read == 0) throw new DicomFormatException($"The file ended after {done} of {count} bytes while being read") { IsUnexpectedEnd = true };
            done += read;
        }
        return bytes;
    }
}
