using System.Numerics;
using System.Runtime.InteropServices;

namespace Ich.Dicom.Pixels;

/// <summary>
/// Brings raw samples to the project's stored-value convention: each sample shifted down so High Bit becomes bit
/// Bits Stored - 1, masked to Bits Stored bits and, for Pixel Representation 1, sign-extended to the full Bits
/// Allocated width; little-endian. Bits outside Bits Stored (overlays in old files, or the sign bits a codec wrote
/// in its own way) never leak into values.
/// </summary>
public static class StoredValues
{
    /// <summary>True when the raw samples already are stored values (all allocated bits are stored bits).</summary>
    public static bool IsIdentity(PixelFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.BitsStored == format.BitsAllocated && format.HighBit == format.BitsAllocated - 1;
    }

    /// <summary>Normalizes <paramref name="samples"/> (one or more frames, little-endian) in place.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    /// <exception cref="ArgumentException">The length is not a whole number of samples.</exception>
    public static void Normalize(Span<byte> samples, PixelFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (samples.Length % format.BytesPerSample != 0)
        {
            throw new ArgumentException($"{samples.Length} bytes is not a whole number of {format.BitsAllocated}-bit samples.", nameof(samples));
        }

        if (IsIdentity(format)) return;

        // Shift the high bit to the top of the sample, then shift back down by the unused bits: an arithmetic
        // shift sign-extends, a logical shift masks. Two shifts, no branches, and SIMD-friendly.
        var up = format.BitsAllocated - 1 - format.HighBit;
        var down = format.BitsAllocated - format.BitsStored;
        switch (format.BitsAllocated)
        {
            case 8 when format.IsSigned:
                Shift(MemoryMarshal.Cast<byte, sbyte>(samples), up, down, arithmetic: true);
                break;
            case 8:
                Shift(samples, up, down, arithmetic: false);
                break;
            case 16 when format.IsSigned:
                Shift(MemoryMarshal.Cast<byte, short>(samples), up, down, arithmetic: true);
                break;
            case 16:
                Shift(MemoryMarshal.Cast<byte, ushort>(samples), up, down, arithmetic: false);
                break;
            case 32 when format.IsSigned:
                Shift(MemoryMarshal.Cast<byte, int>(samples), up, down, arithmetic: true);
                break;
            default:
                Shift(MemoryMarshal.Cast<byte, uint>(samples), up, down, arithmetic: false);
                break;
        }
    }

    private static void Shift<T>(Span<T> values, int up, int down, bool arithmetic)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Pixel decoding assumes a little-endian machine.");
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<T>.Count)
        {
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            for (var v = 0; v < vectors.Length; v++)
            {
                var shifted = vectors[v] << up;
                vectors[v] = arithmetic ? shifted >> down : shifted >>> down;
            }

            i = vectors.Length * Vector<T>.Count;
        }

        for (; i < values.Length; i++)
        {
            var shifted = values[i] << up;
            values[i] = arithmetic ? shifted >> down : shifted >>> down;
        }
    }
}
