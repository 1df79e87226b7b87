using System.Buffers.Binary;

namespace Ich.Dicom.Pixels.Codecs.Rle;

/// <summary>
/// Decodes RLE Lossless frames (1.2.840.10008.1.2.5; DICOM PS3.5 Annex G). Hand-written: no package served here
/// decodes DICOM RLE. A frame is a 64-byte header (segment count and up to 15 offsets) followed by PackBits
/// segments, one per byte plane: for each sample, its most significant byte first. Every offset and run is checked
/// against the data and the frame, so a corrupt frame gives a typed error, never an out-of-range write.
/// </summary>
internal sealed class RleFrameDecoder(TransferSyntax transferSyntax) : IFrameDecoder
{
    private const int HeaderLength = 64;
    private const int MaxSegments = 15;

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> encodedFrame, PixelFormat format, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (destination.Length != format.FrameLength)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes; one frame needs {format.FrameLength}.", nameof(destination));
        }

        try
        {
            DecodeFrame(encodedFrame, format, destination);
        }
        catch (InvalidCodestreamException e)
        {
            throw new PixelDecodingException(transferSyntax, e.Message, e);
        }
    }

    private static void DecodeFrame(ReadOnlySpan<byte> data, PixelFormat format, Span<byte> destination)
    {
        if (data.Length < HeaderLength)
        {
            throw new InvalidCodestreamException($"the frame holds {data.Length} bytes, less than the 64-byte RLE header.");
        }

        if (format.BitsAllocated is not (8 or 16 or 32))
        {
            throw new InvalidCodestreamException($"the dataset declares {format.BitsAllocated} bits allocated; RLE frames are decoded for 8, 16 or 32.");
        }

        int bytesPerSample = format.BytesPerSample;
        int expectedSegments = format.SamplesPerPixel * bytesPerSample;
        uint segmentCount = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (segmentCount != expectedSegments)
        {
            throw new InvalidCodestreamException(
                $"the RLE header declares {segmentCount} segments; {format.SamplesPerPixel} sample(s) of {format.BitsAllocated} bits need {expectedSegments}.");
        }

        if (expectedSegments > MaxSegments)
        {
            throw new InvalidCodestreamException($"{expectedSegments} segments are needed but RLE allows at most {MaxSegments}.");
        }

        Span<int> offsets = stackalloc int[expectedSegments + 1];
        for (int s = 0; s < expectedSegments; s++)
        {
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(data[(4 + (4 * s))..]);
            if (offset < HeaderLength || offset > data.Length || (s > 0 && offset < offsets[s - 1]))
            {
                throw new InvalidCodestreamException(
                    $"segment {s + 1} starts at byte {offset}, outside the frame's {data.Length} bytes or before the previous segment.");
            }

            offsets[s] = (int)offset;
        }

        offsets[expectedSegments] = data.Length;
        int pixelCount = format.Rows * format.Columns;
        int pixelStride = format.SamplesPerPixel * bytesPerSample;
        for (int s = 0; s < expectedSegments; s++)
        {
            int sample = s / bytesPerSample;
            int byteInSample = bytesPerSample - 1 - (s % bytesPerSample); // segments run most significant byte first
            ReadOnlySpan<byte> segment = data[offsets[s]..offsets[s + 1]];
            int start = (sample * bytesPerSample) + byteInSample;
            DecodeSegment(segment, s + 1, destination[start..], pixelStride, pixelCount);
        }
    }

    /// <summary>PackBits-decodes one segment into every <paramref name="stride"/>-th byte of <paramref name="output"/>.</summary>
    private static void DecodeSegment(ReadOnlySpan<byte> segment, int segmentNumber, Span<byte> output, int stride, int count)
    {
        int written = 0;
        int position = 0;
        while (written < count)
        {
            if (position >= segment.Length)
            {
                throw new InvalidCodestreamException(
                    $"segment {segmentNumber} ends after {written} of {count} bytes (truncated or corrupt).");
            }

            int header = (sbyte)segment[position++];
            if (header >= 0)
            {
                int literal = header + 1;
                if (position + literal > segment.Length || written + literal > count)
                {
                    throw new InvalidCodestreamException($"segment {segmentNumber} holds a literal run past its end or past the frame.");
                }

                for (int i = 0; i < literal; i++)
                {
                    output[(written + i) * stride] = segment[position + i];
                }

                position += literal;
                written += literal;
            }
            else if (header != -128)
            {
                int repeat = 1 - header;
                if (position >= segment.Length || written + repeat > count)
                {
                    throw new InvalidCodestreamException($"segment {segmentNumber} holds a repeat run past its end or past the frame.");
                }

                byte value = segment[position++];
                for (int i = 0; i < repeat; i++)
                {
                    output[(written + i) * stride] = value;
                }

                written += repeat;
            }
        }
    }
}
