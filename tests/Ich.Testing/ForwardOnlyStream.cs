namespace Ich.Testing;

/// <summary>A stream that can only be read forward, the way a blob download or a network response arrives.</summary>
/// <param name="inner">The content; disposed with this stream.</param>
public sealed class ForwardOnlyStream(Stream inner) : Stream
{
    /// <summary>Bytes in memory, read forward only.</summary>
    public ForwardOnlyStream(byte[] bytes) : this(new MemoryStream(bytes, writable: false)) { }

    /// <summary>A file, read forward only.</summary>
    public static ForwardOnlyStream OfFile(string path) => new(File.OpenRead(path));

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    /// <inheritdoc />
    public override void Flush() { }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
