using System.Buffers;

namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// Bytes of an input held in a buffer rented from <see cref="ArrayPool{T}.Shared"/>, returned on dispose. Reading a
/// series allocates no per-file arrays this way: at 0.5 MB a slice they would land on the large-object heap and
/// cost more than the decoding (the series-read speed bar is 1 GB/s).
/// </summary>
internal readonly struct RentedBytes : IDisposable
{
    private readonly byte[]? _rented;

    private RentedBytes(byte[]? rented, ReadOnlyMemory<byte> memory)
    {
        _rented = rented;
        Memory = memory;
    }

    /// <summary>The bytes read.</summary>
    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>Wraps memory that is not rented (an in-memory item).</summary>
    public static RentedBytes Borrowed(ReadOnlyMemory<byte> memory) => new(null, memory);

    /// <summary>Reads a whole file into a rented buffer.</summary>
    /// <exception cref="IOException">The file cannot be read or is larger than 2 GiB.</exception>
    public static RentedBytes ReadFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength) throw new IOException($"The file is {length} bytes; files over 2 GiB are not supported.");
        var wanted = (int)length;
        var buffer = ArrayPool<byte>.Shared.Rent(wanted);
        try
        {
            var total = 0;
            while (total < wanted)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(total, wanted - total), total);
                if (read == 0) break; // the file shrank while we read it: parse what is there
                total += read;
            }

            return new RentedBytes(buffer, buffer.AsMemory(0, total));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Reads a stream to its end into a rented buffer, growing it as needed (never trusting <paramref name="lengthHint"/> beyond <paramref name="maxBytes"/>).</summary>
    /// <exception cref="IOException">The stream cannot be read, or holds more than <paramref name="maxBytes"/> bytes.</exception>
    public static RentedBytes ReadStream(Stream stream, long lengthHint, long maxBytes)
    {
        var cap = (int)Math.Min(maxBytes, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(lengthHint + 1, 4096, Math.Min(cap + 1L, 16L << 20)));
        try
        {
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > cap) throw new IOException($"The input holds more than {maxBytes} bytes.");
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0) break;
                total += read;
            }

            if (total > cap) throw new IOException($"The input holds more than {maxBytes} bytes.");
            return new RentedBytes(buffer, buffer.AsMemory(0, total));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_rented is not null) ArrayPool<byte>.Shared.Return(_rented);
    }
}
