using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Ich.Preprocessing;

namespace Ich.Inference.Client.Contract;

/// <summary>
/// The model's Grad-CAM maps for the slabs it predicted positive, at model resolution, with the frame that brings
/// model pixels back onto the source slices (<see cref="ModelFrame.ToModel"/>), so a caller without the model can
/// project and render them.
/// </summary>
/// <param name="Available">False when the model has no Grad-CAM output: then there are no maps, never made-up ones.</param>
/// <param name="Width">Columns of every map (0 when not available).</param>
/// <param name="Height">Rows of every map (0 when not available).</param>
/// <param name="Frame">Model-to-source pixel mapping of the request's series.</param>
/// <param name="Slabs">Per positive slab (slab p(any) ≥ threshold), its maps.</param>
public sealed record GradCamMaps(bool Available, int Width, int Height, ModelFrame Frame, IReadOnlyList<SlabGradCam> Slabs);

/// <summary>One positive slab's maps.</summary>
/// <param name="Slab">The slab (see <see cref="SliceProbabilities.Slab"/>).</param>
/// <param name="Maps">Per predicted label (<c>any</c>, and each subtype whose stage ran and is ≥ threshold): <see cref="CamEncoding"/> text of <c>Height × Width</c> floats, row-major.</param>
public sealed record SlabGradCam(int Slab, IReadOnlyDictionary<string, string> Maps);

/// <summary>Grad-CAM maps on the wire: base64 of little-endian float32, row-major.</summary>
public static class CamEncoding
{
    /// <summary>Encodes <paramref name="values"/>.</summary>
    public static string Encode(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian) return Convert.ToBase64String(MemoryMarshal.AsBytes(values));
        var swapped = new int[values.Length];
        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(values), swapped);
        return Convert.ToBase64String(MemoryMarshal.AsBytes(swapped.AsSpan()));
    }

    /// <summary>Decodes a map of <paramref name="count"/> floats.</summary>
    /// <exception cref="FormatException">The text is not base64 of exactly <paramref name="count"/> float32 values.</exception>
    public static float[] Decode(string text, int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new float[count];
        if (!Convert.TryFromBase64String(text, MemoryMarshal.AsBytes(values.AsSpan()), out var written) || written != count * sizeof(float))
            throw new FormatException($"A Grad-CAM map must be base64 of {count} float32 values ({count * sizeof(float)} bytes).");
        if (!BitConverter.IsLittleEndian)
        {
            var raw = MemoryMarshal.Cast<float, int>(values.AsSpan());
            BinaryPrimitives.ReverseEndianness(raw, raw);
        }

        return values;
    }
}
