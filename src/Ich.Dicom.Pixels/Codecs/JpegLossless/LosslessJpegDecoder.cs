using System.Buffers.Binary;

namespace Ich.Dicom.Pixels.Codecs.JpegLossless;

/// <summary>
/// Decodes a lossless JPEG codestream (ITU T.81 process 14: Huffman coding, DPCM with predictors 1-7 and a point
/// transform; Annex H) into reconstructed samples. Hand-written because no package served here decodes all
/// predictors correctly: JpegLibrary 0.4.32 gets the first row wrong for predictors 2, 3, 6 and 7.
/// </summary>
internal static class LosslessJpegDecoder
{
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfFrameLossless = 0xC3;
    private const byte DefineHuffmanTables = 0xC4;
    private const byte StartOfScan = 0xDA;
    private const byte DefineRestartInterval = 0xDD;
    private const byte DefineNumberOfLines = 0xDC;

    /// <summary>
    /// Decodes <paramref name="data"/> into <paramref name="samples"/> (rows × columns × components, interleaved),
    /// each sample already scaled back by its point transform.
    /// </summary>
    /// <param name="data">The codestream, from SOI to EOI.</param>
    /// <param name="rows">Rows the dataset declares; the frame header must agree.</param>
    /// <param name="columns">Columns the dataset declares; the frame header must agree.</param>
    /// <param name="components">Samples per pixel the dataset declares; the frame header must agree.</param>
    /// <param name="samples">Receives the decoded samples.</param>
    /// <returns>The frame header, for its precision.</returns>
    public static LosslessFrameHeader Decode(ReadOnlySpan<byte> data, int rows, int columns, int components, Span<ushort> samples)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != StartOfImage)
        {
            throw new InvalidCodestreamException("the frame does not start with a JPEG start-of-image marker (FFD8).");
        }

        var tables = new LosslessHuffmanTable?[4];
        var pointTransforms = new int[components];
        var decoded = new bool[components];
        LosslessFrameHeader? frame = null;
        int restartInterval = 0;
        int position = 2;
        while (true)
        {
            if (!TryReadMarker(data, ref position, out byte marker))
            {
                break; // no EOI: accepted when every component was decoded (checked below)
            }

            if (marker == EndOfImage)
            {
                break;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                continue; // markers without a length segment
            }

            ReadOnlySpan<byte> segment = ReadSegment(data, ref position, marker);
            switch (marker)
            {
                case StartOfFrameLossless:
                    if (frame is not null)
                    {
                        throw new InvalidCodestreamException("the codestream holds more than one frame header.");
                    }

                    frame = ParseFrameHeader(segment, rows, columns, components);
                    break;
                case DefineHuffmanTables:
                    ParseHuffmanTables(segment, tables);
                    break;
                case DefineRestartInterval:
                    restartInterval = segment.Length >= 2
                        ? BinaryPrimitives.ReadUInt16BigEndian(segment)
                        : throw new InvalidCodestreamException("the DRI segment is too short.");
                    break;
                case StartOfScan:
                    if (frame is null)
                    {
                        throw new InvalidCodestreamException("a scan starts before the frame header (SOF3).");
                    }

                    var scan = LosslessScan.Parse(segment, frame, tables);
                    var reader = new EntropyBitReader(data, position);
                    scan.Decode(ref reader, frame, restartInterval, samples);
                    reader.ThrowIfPastEnd();
                    position = reader.FindNextMarker();
                    foreach (int index in scan.ComponentIndexes)
                    {
                        decoded[index] = true;
                        pointTransforms[index] = scan.PointTransform;
                    }

                    break;
                case DefineNumberOfLines:
                    throw new InvalidCodestreamException("the codestream defines its height in a DNL marker, which is not supported.");
                case >= 0xC0 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC):
                    throw new InvalidCodestreamException(
                        $"the codestream is JPEG process SOF{marker - 0xC0} ({DescribeProcess(marker)}), not lossless Huffman (SOF3).");
                default:
                    break; // APPn, COM, DQT, ...: not needed for decoding
            }
        }

        if (frame is null)
        {
            throw new InvalidCodestreamException("the codestream has no frame header (SOF3).");
        }

        if (Array.IndexOf(decoded, false) >= 0)
        {
            throw new InvalidCodestreamException("the codestream ends before every component was decoded (truncated stream).");
        }

        ApplyPointTransforms(samples, pointTransforms);
        return frame;
    }

    /// <summary>Reads the marker at <paramref name="position"/>, skipping 0xFF fill bytes; false at the end of data.</summary>
    private static bool TryReadMarker(ReadOnlySpan<byte> data, ref int position, out byte marker)
    {
        while (position < data.Length && data[position] == 0xFF && position + 1 < data.Length && data[position + 1] == 0xFF)
        {
            position++;
        }

        if (position + 1 >= data.Length)
        {
            marker = 0;
            return false;
        }

        if (data[position] != 0xFF)
        {
            throw new InvalidCodestreamException($"a JPEG marker was expected at byte {position} but the data holds none.");
        }

        marker = data[position + 1];
        position += 2;
        return true;
    }

    private static ReadOnlySpan<byte> ReadSegment(ReadOnlySpan<byte> data, ref int position, byte marker)
    {
        if (position + 2 > data.Length)
        {
            throw new InvalidCodestreamException($"the codestream ends inside the marker FF{marker:X2} (truncated stream).");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
        if (length < 2 || position + length > data.Length)
        {
            throw new InvalidCodestreamException($"the segment of marker FF{marker:X2} at byte {position - 2} declares {length} bytes, more than the data holds.");
        }

        ReadOnlySpan<byte> segment = data.Slice(position + 2, length - 2);
        position += length;
        return segment;
    }

    private static LosslessFrameHeader ParseFrameHeader(ReadOnlySpan<byte> segment, int rows, int columns, int components)
    {
        if (segment.Length < 6)
        {
            throw new InvalidCodestreamException("the frame header (SOF3) is too short.");
        }

        int precision = segment[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int count = segment[5];
        if (precision is < 2 or > 16)
        {
            throw new InvalidCodestreamException($"the frame header declares a precision of {precision} bits; lossless JPEG allows 2 to 16.");
        }

        if (height == 0)
        {
            throw new InvalidCodestreamException("the frame header declares 0 lines (height given by a DNL marker), which is not supported.");
        }

        if (height != rows || width != columns || count != components)
        {
            throw new InvalidCodestreamException(
                $"the frame header declares {width}x{height} pixels with {count} component(s), but the dataset declares {columns}x{rows} with {components}.");
        }

        if (segment.Length < 6 + (3 * count))
        {
            throw new InvalidCodestreamException("the frame header (SOF3) is shorter than its component list.");
        }

        var ids = new byte[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = segment[6 + (3 * i)];
            if (segment[7 + (3 * i)] != 0x11)
            {
                throw new InvalidCodestreamException("the frame uses chroma subsampling, which lossless JPEG in DICOM does not allow.");
            }
        }

        return new LosslessFrameHeader(precision, height, width, ids);
    }

    private static void ParseHuffmanTables(ReadOnlySpan<byte> segment, LosslessHuffmanTable?[] tables)
    {
        while (segment.Length > 0)
        {
            if (segment.Length < 17)
            {
                throw new InvalidCodestreamException("a Huffman table (DHT) segment is too short.");
            }

            int tableClass = segment[0] >> 4;
            int tableId = segment[0] & 0x0F;
            ReadOnlySpan<byte> counts = segment.Slice(1, 16);
            int total = 0;
            foreach (byte count in counts)
            {
                total += count;
            }

            if (tableId > 3 || total > 256 || segment.Length < 17 + total)
            {
                throw new InvalidCodestreamException("a Huffman table (DHT) segment is malformed.");
            }

            if (tableClass == 0)
            {
                tables[tableId] = LosslessHuffmanTable.Create(counts, segment.Slice(17, total));
            }

            segment = segment[(17 + total)..];
        }
    }

    private static void ApplyPointTransforms(Span<ushort> samples, int[] pointTransforms)
    {
        int components = pointTransforms.Length;
        for (int c = 0; c < components; c++)
        {
            int shift = pointTransforms[c];
            if (shift == 0)
            {
                continue;
            }

            for (int i = c; i < samples.Length; i += components)
            {
                samples[i] = (ushort)(samples[i] << shift);
            }
        }
    }

    private static string DescribeProcess(byte marker) => marker switch
    {
        0xC0 => "baseline DCT",
        0xC1 => "extended sequential DCT",
        0xC2 => "progressive DCT",
        0xC7 or 0xCF => "differential lossless",
        >= 0xC9 => "arithmetic coding",
        _ => "hierarchical",
    };
}
