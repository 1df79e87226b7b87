using System.Buffers.Binary;

namespace Ich.Dicom.Pixels.Tests.Codecs;

/// <summary>
/// Test-only: re-encodes a real single-component lossless JPEG frame with restart markers (DRI + RSTn), reusing
/// its own frame header, Huffman table and scan header. No encoder on this machine writes restart intervals into
/// lossless JPEG, so the test makes one and lets dcmtk (the reference) vouch that the result is valid.
/// Follows ITU T.81 H.1.2.1: each interval restarts prediction at 2^(P-Pt-1), uses Ra on its first line and Rb
/// in the first column.
/// </summary>
internal static class LosslessRestartEncoder
{
    /// <summary>Encodes <paramref name="samples"/> (the original frame's decoded values) with a restart every <paramref name="interval"/> samples
    /// (libjpeg, hence dcmtk, accepts only whole rows: a multiple of the row length).</summary>
    public static byte[] Encode(byte[] original, ushort[] samples, int rows, int columns, int interval)
    {
        int sof = IndexOf(original, 0xC3);
        int precision = original[sof + 4];
        int dht = IndexOf(original, 0xC4);
        int sos = IndexOf(original, 0xDA);
        int sosLength = BinaryPrimitives.ReadUInt16BigEndian(original.AsSpan(sos + 2));
        int predictor = original[sos + 5 + 2];
        int pointTransform = original[sos + 5 + 4] & 0x0F;
        Assert.Equal(0, pointTransform);
        var (codes, lengths) = BuildCodes(original.AsSpan(dht + 5, 16), original.AsSpan(dht + 21));

        var output = new List<byte>(original[..sos]);
        output.AddRange([0xFF, 0xDD, 0x00, 0x04, (byte)(interval >> 8), (byte)interval]);
        output.AddRange(original[sos..(sos + 2 + sosLength)]);
        var bits = new BitWriter(output);
        int restartNumber = 0;
        int intervalStartRow = 0;
        int intervalStartColumn = 0;
        for (int i = 0; i < rows * columns; i++)
        {
            int y = i / columns;
            int x = i % columns;
            if (i > 0 && i % interval == 0)
            {
                bits.Flush();
                output.AddRange([0xFF, (byte)(0xD0 + (restartNumber++ % 8))]);
                intervalStartRow = y;
                intervalStartColumn = x;
            }

            int prediction;
            if (y == intervalStartRow && x == intervalStartColumn)
            {
                prediction = 1 << (precision - 1);
            }
            else if (y == intervalStartRow)
            {
                prediction = samples[i - 1];
            }
            else if (x == 0)
            {
                prediction = samples[i - columns];
            }
            else
            {
                int ra = samples[i - 1], rb = samples[i - columns], rc = samples[i - columns - 1];
                prediction = predictor switch
                {
                    1 => ra, 2 => rb, 3 => rc, 4 => ra + rb - rc, 5 => ra + ((rb - rc) >> 1), 6 => rb + ((ra - rc) >> 1), _ => (ra + rb) >> 1,
                };
            }

            int difference = (samples[i] - prediction) & 0xFFFF;
            if (difference >= 32768)
            {
                difference -= 65536;
            }

            int category = difference == -32768 ? 16 : difference == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(difference));
            bits.Write(codes[category], lengths[category]);
            if (category is > 0 and < 16)
            {
                bits.Write(difference > 0 ? difference : difference + (1 << category) - 1, category);
            }
        }

        bits.Flush();
        output.AddRange([0xFF, 0xD9]);
        if (output.Count % 2 != 0)
        {
            output.Add(0);
        }

        return [.. output];
    }

    private static (int[] Codes, int[] Lengths) BuildCodes(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        var codes = new int[17];
        var lengths = new int[17];
        int code = 0, index = 0;
        for (int length = 1; length <= 16; length++, code <<= 1)
        {
            for (int n = 0; n < counts[length - 1]; n++, code++, index++)
            {
                codes[values[index]] = code;
                lengths[values[index]] = length;
            }
        }

        return (codes, lengths);
    }

    private static int IndexOf(byte[] data, byte marker) => data.AsSpan().IndexOf(new byte[] { 0xFF, marker });

    private sealed class BitWriter(List<byte> output)
    {
        private int _accumulator;
        private int _count;

        public void Write(int value, int length)
        {
            Assert.True(length > 0 || value == 0, "A difference category has no Huffman code in the original table.");
            for (int bit = length - 1; bit >= 0; bit--)
            {
                _accumulator = (_accumulator << 1) | ((value >> bit) & 1);
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            while (_count != 0)
            {
                Write(1, 1); // pad with 1-bits to the byte boundary (T.81 F.1.2.3)
            }
        }

        private void Emit()
        {
            output.Add((byte)_accumulator);
            if (_accumulator == 0xFF)
            {
                output.Add(0x00);
            }

            _accumulator = 0;
            _count = 0;
        }
    }
}
