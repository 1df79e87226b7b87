using System.Buffers.Binary;
using System.IO.Compression;

namespace Ich.Dicom;

/// <summary>
/// Writes DICOM Part 10: a 128-byte preamble, "DICM", the file meta group (explicit VR little endian, with its group
/// length and this library's implementation UID), then the dataset in the file's transfer syntax: explicit or
/// implicit VR little endian, deflated explicit VR little endian, or explicit VR big endian. Odd-length values are
/// padded (space for text, NUL for UI and binary); sequences and items are written with undefined length;
/// encapsulated pixel data fragments are written as given. Group length elements of the dataset are left out
/// (they are retired, and wrong once a dataset changes).
/// </summary>
public static class DicomWriter
{
    /// <summary>Writes <paramref name="file"/> to <paramref name="destination"/>.</summary>
    /// <exception cref="DicomException">The dataset cannot be written in its transfer syntax (e.g. a value too long for its VR).</exception>
    /// <exception cref="UnsupportedTransferSyntaxException">The transfer syntax is big endian and the pixel data encapsulated, or it is not one this writer knows.</exception>
    public static void Write(DicomFile file, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(destination);
        var syntax = file.TransferSyntax;
        CheckPixelDataMatches(file.Dataset, syntax);

        var head = new DicomElementWriter(new MemoryStream(), explicitVR: true, bigEndian: false);
        head.Output.Write(new byte[128]);
        head.Output.Write("DICM"u8);
        WriteMeta(BuildMeta(file), head);
        ((MemoryStream)head.Output).WriteTo(destination);

        if (syntax.IsDeflated)
        {
            using var deflate = new DeflateStream(destination, CompressionLevel.Optimal, leaveOpen: true);
            using var buffered = new BufferedStream(deflate, 1 << 16);
            new DicomElementWriter(buffered, explicitVR: true, bigEndian: false).WriteDataset(file.Dataset, topLevel: true);
        }
        else
        {
            using var buffered = new BufferedStream(new NonClosingStream(destination), 1 << 16);
            new DicomElementWriter(buffered, syntax.IsExplicitVR, syntax.IsBigEndian).WriteDataset(file.Dataset, topLevel: true);
        }
    }

    /// <summary>Writes <paramref name="file"/> to a new byte array.</summary>
    /// <exception cref="DicomException">The dataset cannot be written in its transfer syntax.</exception>
    public static byte[] WriteToBytes(DicomFile file)
    {
        using var stream = new MemoryStream();
        Write(file, stream);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="file"/> to a new file at <paramref name="path"/> (replacing it).</summary>
    /// <exception cref="DicomException">The dataset cannot be written in its transfer syntax.</exception>
    public static void Write(DicomFile file, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(file, stream);
    }

    private static void CheckPixelDataMatches(DicomDataset dataset, TransferSyntax syntax)
    {
        if (!dataset.TryGet(DicomTags.PixelData, out var pixels)) return;
        if (pixels.IsEncapsulated && syntax.IsBigEndian)
        {
            throw new UnsupportedTransferSyntaxException(syntax, "encapsulated pixel data cannot be written big endian.");
        }
        if (pixels.IsEncapsulated && !syntax.IsEncapsulated)
        {
            throw new DicomException($"The pixel data is encapsulated (compressed) but {syntax.Name} stores native pixels; decode it first or choose the matching transfer syntax.");
        }
        if (!pixels.IsEncapsulated && syntax.IsEncapsulated)
        {
            throw new DicomException($"The pixel data is native but {syntax.Name} needs encapsulated (compressed) fragments; encode it first or write a native transfer syntax.");
        }
    }

    private static DicomDataset BuildMeta(DicomFile file)
    {
        var meta = new DicomDataset();
        foreach (var element in file.FileMetaInformation)
        {
            if (element.Tag.Group == 0x0002 && !element.Tag.IsGroupLength) meta.Set(element);
        }
        meta.SetBytes(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 });
        SetIfMissing(meta, DicomTags.MediaStorageSOPClassUID, file.Dataset.GetString(DicomTags.SOPClassUID));
        SetIfMissing(meta, DicomTags.MediaStorageSOPInstanceUID, file.Dataset.GetString(DicomTags.SOPInstanceUID));
        meta.Set(DicomTags.TransferSyntaxUID, DicomVR.UI, file.TransferSyntax.Uid);
        meta.Set(DicomTags.ImplementationClassUID, DicomVR.UI, DicomFile.ImplementationClassUid);
        meta.Set(DicomTags.ImplementationVersionName, DicomVR.SH, DicomFile.ImplementationVersionName);
        return meta;
    }

    private static void SetIfMissing(DicomDataset meta, DicomTag tag, string? value)
    {
        if (!meta.Contains(tag) && !string.IsNullOrEmpty(value)) meta.Set(tag, DicomVR.UI, value);
    }

    private static void WriteMeta(DicomDataset meta, DicomElementWriter head)
    {
        using var body = new MemoryStream();
        var writer = new DicomElementWriter(body, explicitVR: true, bigEndian: false);
        foreach (var element in meta) writer.WriteElement(element);
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, checked((uint)body.Length));
        head.WriteElement(new DicomElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, length));
        body.WriteTo(head.Output);
    }

    /// <summary>Lets the writer dispose its buffer without closing the caller's stream.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
