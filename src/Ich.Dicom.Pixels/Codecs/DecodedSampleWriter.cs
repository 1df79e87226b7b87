using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ich.Dicom.Pixels.Codecs;

/// <summary>Writes decoded samples in the decoder output convention: little-endian, BitsAllocated bytes per sample.</summary>
internal static class DecodedSampleWriter
{
    /// <summary>Checks the destination length and that the format is one the JPEG-family codecs can produce.</summary>
    public static void ValidateDestination(PixelFormat format, Span<byte> destination, int maxBitsAllocated = 16)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.BitsAllocated != 8 && (format.BitsAllocated != 16 || maxBitsAllocated < 16))
        {
            throw new InvalidCodestreamException(
                $"the dataset declares {format.BitsAllocated} bits allocated; this codec produces 8 or {maxBitsAllocated}.");
        }

        if (destination.Length != format.FrameLength)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes; one frame needs {format.FrameLength}.", nameof(destination));
        }
    }

    /// <summary>Writes 16-bit samples as 1 or 2 bytes each; precision above 8 bits needs BitsAllocated 16.</summary>
    public static void Write(ReadOnlySpan<ushort> samples, int precision, PixelFormat format, Span<byte> destination)
    {
        if (format.BitsAllocated == 8)
        {
            if (precision > 8)
            {
                throw new InvalidCodestreamException($"the codestream holds {precision}-bit samples but the dataset allocates 8 bits.");
            }

            for (int i = 0; i < samples.Length; i++)
            {
                destination[i] = (byte)samples[i];
            }
        }
        else if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(samples).CopyTo(destination);
        }
        else
        {
            for (int i = 0; i < samples.Length; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], samples[i]);
            }
        }
    }
}
