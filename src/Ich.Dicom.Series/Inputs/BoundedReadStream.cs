using System.Globalization;

namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// A forward-only view of one archive entry (or other untrusted content) that enforces <see cref="IngestOptions"/> on
/// the bytes as they come out: more than <see cref="IngestOptions.MaxEntryBytes"/> ends in
/// <see cref="EntryTooLargeException"/>, a compression ratio over the limit in <see cref="IngestLimitException"/>.
/// Sizes the archive declares are never trusted.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long compressedLength, IngestOptions options, string sourceName) : Stream
{
    private readonly long _compressed = Math.Max(1, compressedLength);

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        BytesRead += read;
        if (BytesRead > options.MaxEntryBytes) throw new EntryTooLargeException(sourceName, options.MaxEntryBytes);
        if (BytesRead >= options.RatioCheckMinimumBytes && BytesRead > _compressed * options.MaxCompressionRatio)
        {
            throw new IngestLimitException(
                $"'{sourceName}' inflates more than {options.MaxCompressionRatio.ToString(CultureInfo.InvariantCulture)}× its compressed size; rejected as a possible zip bomb.");
        }

        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>An item grew past <see cref="IngestOptions.MaxEntryBytes"/> while it was read (an I/O error to readers of pixels).</summary>
internal sealed class EntryTooLargeException(string sourceName, long limit)
    : IOException($"'{sourceName}' is larger than the {Upload.Mib(limit)} limit per file.");
