using System.Buffers.Binary;

namespace Ich.Dicom.Pixels;

/// <summary>
/// MONOCHROME1 images show their smallest value as white. For display only, this flips stored values within the
/// stored range (value → min + max − value) so they read like MONOCHROME2. Hounsfield units must be computed from
/// the unflipped stored values: the modality LUT does not depend on the photometric interpretation.
/// </summary>
public static class MonochromeDisplay
{
    /// <summary>Flips MONOCHROME1 stored values in place; other formats are left unchanged.</summary>
    /// <returns>True if the values were flipped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    /// <exception cref="ArgumentException">The length is not a whole number of samples.</exception>
    public static bool ToMonochrome2(Span<byte> stored, PixelFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!format.IsMonochrome1) return false;
        if (stored.Length % format.BytesPerSample != 0)
        {
            throw new ArgumentException($"{stored.Length} bytes is not a whole number of {format.BitsAllocated}-bit samples.", nameof(stored));
        }

        var sum = format.MinStoredValue + format.MaxStoredValue;
        for (var i = 0; i < stored.Length; i += format.BytesPerSample)
        {
            var sample = stored.Slice(i, format.BytesPerSample);
            switch (format.BitsAllocated)
            {
                case 8:
                    int b = format.IsSigned ? (sbyte)sample[0] : sample[0];
                    sample[0] = (byte)(sum - b);
                    break;
                case 16:
                    long s = format.IsSigned ? BinaryPrimitives.ReadInt16LittleEndian(sample) : BinaryPrimitives.ReadUInt16LittleEndian(sample);
                    BinaryPrimitives.WriteUInt16LittleEndian(sample, (ushort)(sum - s));
                    break;
                default:
                    long w = format.IsSigned ? BinaryPrimitives.ReadInt32LittleEndian(sample) : BinaryPrimitives.ReadUInt32LittleEndian(sample);
                    BinaryPrimitives.WriteUInt32LittleEndian(sample, (uint)(sum - w));
                    break;
            }
        }

        return true;
    }
}
