using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Ich.Inference.Client.Contract;

namespace Ich.Inference.Client;

/// <summary>
/// A volume's voxels as an octet-stream body, written straight from the voxel array (no copy of the volume on
/// little-endian machines), with its Content-Length known up front.
/// </summary>
internal sealed class VolumeContent : HttpContent
{
    // Bytes per write: bounds how long one write holds the array pinned, and keeps spans within int range.
    private const int ChunkFloats = 1 << 20;
    private readonly float[] _voxels;

    public VolumeContent(float[] voxels)
    {
        _voxels = voxels;
        Headers.ContentType = new MediaTypeHeaderValue(VolumeHeaders.OctetStream);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var start = 0; start < _voxels.Length; start += ChunkFloats)
        {
            var count = Math.Min(ChunkFloats, _voxels.Length - start);
            if (BitConverter.IsLittleEndian)
            {
                using var bytes = new FloatBytes(_voxels, start, count);
                await stream.WriteAsync(bytes.Memory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var buffer = ArrayPool<byte>.Shared.Rent(count * sizeof(float));
                try
                {
                    var target = MemoryMarshal.Cast<byte, int>(buffer.AsSpan(0, count * sizeof(float)));
                    BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(_voxels.AsSpan(start, count)), target);
                    await stream.WriteAsync(buffer.AsMemory(0, count * sizeof(float)), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _voxels.LongLength * sizeof(float);
        return true;
    }

    /// <summary>A run of the float array seen as bytes, so an async write can take it without a copy.</summary>
    private sealed class FloatBytes(float[] array, int start, int count) : MemoryManager<byte>
    {
        private GCHandle _pin;

        public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan(start, count));

        public override unsafe MemoryHandle Pin(int elementIndex = 0)
        {
            if (!_pin.IsAllocated) _pin = GCHandle.Alloc(array, GCHandleType.Pinned);
            var origin = (byte*)_pin.AddrOfPinnedObject() + (long)start * sizeof(float);
            return new MemoryHandle(origin + elementIndex, default, this);
        }

        public override void Unpin()
        {
            // One pin for the manager's life; released on dispose.
        }

        protected override void Dispose(bool disposing)
        {
            if (_pin.IsAllocated) _pin.Free();
        }
    }
}
