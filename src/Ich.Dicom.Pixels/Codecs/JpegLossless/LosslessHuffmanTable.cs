namespace Ich.Dicom.Pixels.Codecs.JpegLossless;

/// <summary>
/// One Huffman table of a lossless JPEG scan (ITU T.81 Annex C), decoding difference categories (SSSS 0..16).
/// Codes up to <see cref="LookupBits"/> long resolve with one table look-up; longer ones walk the canonical
/// code limits (T.81 F.2.2.3), which is rare in practice.
/// </summary>
internal sealed class LosslessHuffmanTable
{
    /// <summary>How many leading bits the fast look-up table resolves.</summary>
    public const int LookupBits = 12;

    private readonly int[] _maxCode = new int[17];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values;

    private LosslessHuffmanTable(byte[] values)
    {
        _values = values;
    }

    /// <summary>
    /// Fast look-up by the next <see cref="LookupBits"/> bits: <c>(codeLength &lt;&lt; 8) | category</c>,
    /// or 0 when the code is longer than <see cref="LookupBits"/>.
    /// </summary>
    public ushort[] Lookup { get; } = new ushort[1 << LookupBits];

    /// <summary>Builds a table from the DHT segment's 16 code-length counts and its values.</summary>
    public static LosslessHuffmanTable Create(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        var table = new LosslessHuffmanTable(values.ToArray());
        int code = 0;
        int index = 0;
        for (int length = 1; length <= 16; length++)
        {
            int count = counts[length - 1];
            table._valueOffset[length] = index - code;
            for (int i = 0; i < count; i++, index++, code++)
            {
                if (values[index] > 16)
                {
                    throw new InvalidCodestreamException(
                        $"a Huffman table holds the difference category {values[index]}; lossless JPEG allows 0 to 16.");
                }

                if (length <= LookupBits)
                {
                    int first = code << (LookupBits - length);
                    int entries = 1 << (LookupBits - length);
                    table.Lookup.AsSpan(first, entries).Fill((ushort)((length << 8) | values[index]));
                }
            }

            table._maxCode[length] = count == 0 ? -1 : code - 1;
            if (code > (1 << length))
            {
                throw new InvalidCodestreamException("a Huffman table defines more codes than its code lengths allow.");
            }

            code <<= 1;
        }

        return table;
    }

    /// <summary>
    /// Resolves a code longer than <see cref="LookupBits"/> from the left-aligned bit window.
    /// Returns <c>(codeLength &lt;&lt; 8) | category</c>.
    /// </summary>
    public int DecodeLong(ulong window)
    {
        for (int length = 1; length <= 16; length++)
        {
            int code = (int)(window >> (64 - length));
            if (code <= _maxCode[length])
            {
                return (length << 8) | _values[_valueOffset[length] + code];
            }
        }

        throw new InvalidCodestreamException("the entropy-coded data holds a bit pattern that is no Huffman code of its table.");
    }
}
