using System.Runtime.CompilerServices;

namespace Ich.Dicom.Pixels.Codecs.JpegLossless;

/// <summary>
/// Reads the Huffman-coded bits of one scan (ITU T.81 F.2.2.5): removes the 0x00 after each 0xFF, stops at the
/// next marker and feeds zero bits after it. Consuming any of those padding bits means the stream was
/// truncated; <see cref="ThrowIfPastEnd"/> reports that, so corrupt input never loops or reads out of range.
/// </summary>
internal ref struct EntropyBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ulong _window;
    private int _bitCount;
    private int _paddingBits;
    private bool _atMarker;

    /// <summary>Starts reading entropy-coded data at <paramref name="position"/>.</summary>
    public EntropyBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    /// <summary>The position of the next unread byte (a marker once the scan's data is used up).</summary>
    public readonly int Position => _position;

    /// <summary>Decodes one Huffman-coded difference value (T.81 H.1.2.2, with the SSSS = 16 case).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeDifference(LosslessHuffmanTable table)
    {
        if (_bitCount < 32)
        {
            Fill();
        }

        int entry = table.Lookup[(int)(_window >> (64 - LosslessHuffmanTable.LookupBits))];
        if (entry == 0)
        {
            entry = table.DecodeLong(_window);
        }

        int length = entry >> 8;
        int category = entry & 0xFF;
        _window <<= length;
        _bitCount -= length;
        if (category == 0)
        {
            return 0;
        }

        if (category == 16)
        {
            // SSSS = 16 carries no extra bits: the difference is 32768 (T.81 Table H.2).
            return 32768;
        }

        int bits = (int)(_window >> (64 - category));
        _window <<= category;
        _bitCount -= category;
        return bits < (1 << (category - 1)) ? bits - (1 << category) + 1 : bits;
    }

    /// <summary>The bit window, for hot loops that keep it in a register (see <see cref="Refill"/>).</summary>
    public readonly ulong Window => _window;

    /// <summary>How many bits of <see cref="Window"/> are valid.</summary>
    public readonly int BitCount => _bitCount;

    /// <summary>
    /// Tops up a window a hot loop keeps in locals (locals stay in registers; fields of a ref struct passed by
    /// reference do not), returning the new window and bit count.
    /// </summary>
    public (ulong Window, int BitCount) Refill(ulong window, int bitCount)
    {
        _window = window;
        _bitCount = bitCount;
        Fill();
        return (_window, _bitCount);
    }

    /// <summary>Stores the window a hot loop kept in locals back into the reader.</summary>
    public void Sync(ulong window, int bitCount)
    {
        _window = window;
        _bitCount = bitCount;
    }

    /// <summary>Throws when decoding has used bits beyond the end of the entropy-coded data.</summary>
    public readonly void ThrowIfPastEnd()
    {
        if (_bitCount < _paddingBits)
        {
            throw new InvalidCodestreamException("the entropy-coded data ends before all samples are decoded (truncated stream).");
        }
    }

    /// <summary>
    /// Ends a restart interval: drops the padding bits of the last byte and reads the RSTn marker that must follow.
    /// </summary>
    public void Restart()
    {
        ThrowIfPastEnd();
        _window = 0;
        _bitCount = 0;
        _paddingBits = 0;
        _atMarker = false;
        while (_position + 1 < _data.Length && _data[_position] == 0xFF && _data[_position + 1] == 0xFF)
        {
            _position++; // fill bytes before a marker (T.81 B.1.1.2)
        }

        if (_position + 1 >= _data.Length || _data[_position] != 0xFF || (_data[_position + 1] & 0xF8) != 0xD0)
        {
            throw new InvalidCodestreamException("a restart marker (RSTn) is missing where the restart interval ends.");
        }

        _position += 2;
    }

    /// <summary>Moves past any bytes left in the scan to the next marker and returns its position.</summary>
    public readonly int FindNextMarker()
    {
        int position = _position;
        while (position + 1 < _data.Length)
        {
            if (_data[position] == 0xFF && _data[position + 1] != 0x00 && _data[position + 1] != 0xFF
                && (_data[position + 1] & 0xF8) != 0xD0)
            {
                return position;
            }

            position++;
        }

        return _data.Length;
    }

    private void Fill()
    {
        while (_bitCount <= 56)
        {
            uint next = 0;
            if (!_atMarker)
            {
                if (_position < _data.Length)
                {
                    next = _data[_position];
                    if (next != 0xFF)
                    {
                        _position++;
                    }
                    else if (_position + 1 < _data.Length && _data[_position + 1] == 0x00)
                    {
                        _position += 2; // a stuffed zero byte after 0xFF
                    }
                    else
                    {
                        _atMarker = true;
                        next = 0;
                    }
                }
                else
                {
                    _atMarker = true;
                }
            }

            if (_atMarker)
            {
                _paddingBits += 8;
            }

            _window |= (ulong)next << (56 - _bitCount);
            _bitCount += 8;
        }
    }
}
