using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Ich.Preprocessing;

namespace Ich.InferenceService.Requests;

/// <summary>Reads an octet-stream body of float32 little-endian HU into a volume, refusing short, long or non-finite bodies.</summary>
public static class VolumeBodyReader
{
    /// <summary>Reads exactly <see cref="VolumeShape.ByteCount"/> bytes and builds the volume.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="shape">Its shape, from the headers.</param>
    /// <param name="cancellationToken">Aborts the read.</param>
    /// <returns>The volume, or the 400 problem that stops it.</returns>
    public static async Task<(HuVolume? Volume, RequestProblem? Problem)> ReadAsync(Stream body, VolumeShape shape, CancellationToken cancellationToken)
    {
        var voxels = GC.AllocateUninitializedArray<float>(checked((int)(shape.ByteCount / sizeof(float))));
        var filled = await FillAsync(body, voxels, cancellationToken);
        if (filled < shape.ByteCount)
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, $"The body ended after {filled} bytes; {shape.Width}×{shape.Height}×{shape.Slices} float32 needs {shape.ByteCount}."));
        var extra = new byte[1];
        if (await body.ReadAsync(extra, cancellationToken) > 0)
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, $"The body is longer than the {shape.ByteCount} bytes {shape.Width}×{shape.Height}×{shape.Slices} float32 needs."));

        if (!BitConverter.IsLittleEndian)
        {
            var raw = MemoryMarshal.Cast<float, int>(voxels.AsSpan());
            BinaryPrimitives.ReverseEndianness(raw, raw);
        }

        var bad = IndexOfNonFinite(voxels);
        if (bad >= 0)
            return (null, new RequestProblem(StatusCodes.Status400BadRequest, $"Voxel {bad} (slice {bad / ((long)shape.Width * shape.Height)}) is not a finite number."));

        var positions = new double[shape.Slices];
        for (var z = 0; z < positions.Length; z++) positions[z] = z * shape.SliceSpacingMm;
        return (new HuVolume(shape.Width, shape.Height, voxels, shape.RowSpacingMm, shape.ColumnSpacingMm, positions), null);
    }

    private static async Task<long> FillAsync(Stream body, float[] voxels, CancellationToken cancellationToken)
    {
        // Chunks through one pooled buffer: async reads cannot target a span, and a chunked copy costs far less than the model.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var total = (long)voxels.Length * sizeof(float);
            long filled = 0;
            while (filled < total)
            {
                var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, total - filled)), cancellationToken);
                if (read == 0) break;
                buffer.AsSpan(0, read).CopyTo(MemoryMarshal.AsBytes(voxels.AsSpan())[(int)filled..]);
                filled += read;
            }

            return filled;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long IndexOfNonFinite(float[] voxels)
    {
        for (var i = 0; i < voxels.Length; i++)
        {
            if (!float.IsFinite(voxels[i])) return i;
        }

        return -1;
    }
}
