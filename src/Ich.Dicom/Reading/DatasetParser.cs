using System.Buffers.Binary;

namespace Ich.Dicom;

/// <summary>
/// Parses data elements from a byte buffer in one encoding (explicit or implicit VR, little or big endian).
/// Every length is checked against the bytes that remain before anything is sliced or allocated, so a declared
/// length can never make the parser allocate more than the input holds.
/// </summary>
internal sealed class DatasetParser
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private static readonly DicomTag[] LookUpTableDescriptors =
        [new(0x0028, 0x1101), new(0x0028, 0x1102), new(0x0028, 0x1103), new(0x0028, 0x3002)];

    private readonly ReadOnlyMemory<byte> buffer;
    private readonly DicomReadOptions options;
    private readonly bool stopBeforePixelData;
    private bool explicitVR;
    private bool bigEndian;

    public DatasetParser(ReadOnlyMemory<byte> buffer, bool explicitVR, bool bigEndian, DicomReadOptions options, bool stopBeforePixelData)
    {
        this.buffer = buffer;
        this.explicitVR = explicitVR;
        this.bigEndian = bigEndian;
        this.options = options;
        this.stopBeforePixelData = stopBeforePixelData;
    }

    /// <summary>The offset of the next unread byte.</summary>
    public int Position { get; set; }

    /// <summary>True once the top-level parse stopped at Pixel Data because of <see cref="DicomReadOptions.StopBeforePixelData"/>.</summary>
    public bool StoppedAtPixelData { get; private set; }

    /// <summary>Reads the top-level dataset up to the end of the buffer.</summary>
    public void ReadTopLevel(DicomDataset target) => ReadDataset(target, buffer.Length, untilItemDelimiter: false, depth: 0);

    /// <summary>Reads the file meta group: explicit VR little endian elements while the group is 0002.</summary>
    public void ReadMetaGroup(DicomDataset target)
    {
        while (Position + 4 <= buffer.Length && BinaryPrimitives.ReadUInt16LittleEndian(buffer.Span[Position..]) == 0x0002)
        {
            target.Set(ReadElement(target, buffer.Length, depth: 0));
        }
    }

    private void ReadDataset(DicomDataset target, int end, bool untilItemDelimiter, int depth)
    {
        while (Position < end)
        {
            if (depth == 0 && buffer.Span[Position] == 0 && buffer.Span[Position..end].IndexOfAnyExcept((byte)0) < 0)
            {
                // Zero bytes to the end of the file: trailing padding some writers leave after the dataset.
                Position = end;
                return;
            }
            var tag = PeekTag(end);
            if (tag == DicomTags.ItemDelimitationItem)
            {
                var length = ReadUInt32(Need(Position, 8, end, tag) + 4);
                Position += 8;
                if (untilItemDelimiter) return;
                // A stray delimiter in a dataset of defined length: harmless if empty, so skip it as dcmtk does.
                if (length != 0) throw Error("An item delimiter has a non-zero length", Position - 8, tag);
                continue;
            }
            if (tag.Group == 0xFFFE)
            {
                throw Error("Found an item or sequence delimiter where a data element was expected", Position, tag);
            }
            if (depth == 0 && stopBeforePixelData && tag >= DicomTags.PixelData)
            {
                StoppedAtPixelData = true;
                return;
            }
            target.Set(ReadElement(target, end, depth));
        }
        if (untilItemDelimiter)
        {
            throw Error("An item of undefined length ends without an item delimiter", end, null, unexpectedEnd: end == buffer.Length);
        }
    }

    private DicomElement ReadElement(DicomDataset owner, int end, int depth)
    {
        var start = Position;
        var tag = PeekTag(end);
        DicomVR vr;
        uint length;
        int headerLength;
        Need(start, 8, end, tag);
        if (explicitVR && DicomVR.TryRead(buffer.Span.Slice(start + 4, 2), out vr))
        {
            if (vr.HasLongLength)
            {
                length = ReadUInt32(Need(start, 12, end, tag) + 8);
                headerLength = 12;
            }
            else
            {
                length = ReadUInt16(start + 6);
                headerLength = 8;
            }
        }
        else
        {
            // Implicit VR, or an explicit-VR file with an implicit element in it (seen in the wild): VR from the dictionary.
            length = ReadUInt32(start + 4);
            headerLength = 8;
            vr = ImplicitVR(owner, tag, length);
        }
        Position = start + headerLength;

        if (length == UndefinedLength) return ReadUndefinedLength(tag, vr, start, end, depth);

        if (length > (uint)(end - Position))
        {
            var pastBuffer = length > (uint)(buffer.Length - Position);
            throw Error(
                pastBuffer
                    ? $"The value length {length} runs past the end of the input ({buffer.Length - Position} bytes left); the file is truncated or corrupt"
                    : $"The value length {length} runs past the end of its enclosing item ({end - Position} bytes left)",
                start,
                tag,
                unexpectedEnd: pastBuffer);
        }
        var valueStart = Position;
        var valueLength = (int)length;
        Position += valueLength;

        if (vr == DicomVR.SQ)
        {
            return new DicomElement(tag, ReadItems(valueStart, valueStart + valueLength, tag, depth + 1));
        }
        if (vr == DicomVR.UN && DicomDictionary.TryGet(tag, out var entry))
        {
            return ReinterpretUnknown(tag, entry, valueStart, valueLength, depth);
        }
        return new DicomElement(tag, vr, Value(valueStart, valueLength, vr));
    }

    /// <summary>
    /// A UN element whose tag the dictionary knows (written by a tool that did not know it): give it the real VR,
    /// and parse a known sequence as implicit VR little endian (PS3.5 6.2.2). If the bytes do not parse as a
    /// sequence, the element stays UN: no data is dropped.
    /// </summary>
    private DicomElement ReinterpretUnknown(DicomTag tag, DicomDictionaryEntry entry, int valueStart, int valueLength, int depth)
    {
        var value = buffer.Slice(valueStart, valueLength);
        if (entry.VR == DicomVR.SQ)
        {
            var nested = new DatasetParser(buffer, explicitVR: false, bigEndian: false, options, stopBeforePixelData: false) { Position = valueStart };
            try
            {
                return new DicomElement(tag, nested.ReadItems(valueStart, valueStart + valueLength, tag, depth + 1));
            }
            catch (DicomFormatException)
            {
                return new DicomElement(tag, DicomVR.UN, value);
            }
        }
        var vr = entry.VR;
        var fits = (vr.HasLongLength || valueLength <= ushort.MaxValue) && valueLength % vr.ByteSwapSize == 0;
        return fits ? new DicomElement(tag, vr, Value(valueStart, valueLength, vr)) : new DicomElement(tag, DicomVR.UN, value);
    }

    private DicomElement ReadUndefinedLength(DicomTag tag, DicomVR vr, int start, int end, int depth)
    {
        if (vr == DicomVR.SQ)
        {
            return new DicomElement(tag, ReadItems(Position, end, tag, depth + 1, untilDelimiter: true));
        }
        if ((vr == DicomVR.OB || vr == DicomVR.OW) && (tag == DicomTags.PixelData || tag.Element == 0x0010 && tag.Group == 0x7FE0))
        {
            return new DicomElement(tag, ReadFragments(tag, end));
        }
        if (vr == DicomVR.UN || !explicitVR)
        {
            // UN of undefined length is a sequence in implicit VR little endian (PS3.5 6.2.2 note).
            var wasExplicit = explicitVR;
            var wasBigEndian = bigEndian;
            explicitVR = false;
            bigEndian = false;
            try
            {
                return new DicomElement(tag, ReadItems(Position, end, tag, depth + 1, untilDelimiter: true));
            }
            finally
            {
                explicitVR = wasExplicit;
                bigEndian = wasBigEndian;
            }
        }
        if (vr == DicomVR.OB || vr == DicomVR.OW)
        {
            return new DicomElement(tag, ReadFragments(tag, end));
        }
        throw Error($"VR {vr} cannot have an undefined length", start, tag);
    }

    private DicomDataset[] ReadItems(int from, int end, DicomTag sequenceTag, int depth, bool untilDelimiter = false)
    {
        if (depth > options.MaxSequenceDepth)
        {
            throw Error($"Sequences are nested deeper than the limit of {options.MaxSequenceDepth}", from, sequenceTag);
        }
        Position = from;
        var items = new List<DicomDataset>();
        while (true)
        {
            if (Position >= end)
            {
                if (untilDelimiter) throw Error("A sequence of undefined length ends without a sequence delimiter", end, sequenceTag, unexpectedEnd: end == buffer.Length);
                return [.. items];
            }
            var itemStart = Position;
            var tag = PeekTag(end);
            var length = ReadUInt32(Need(itemStart, 8, end, tag) + 4);
            Position += 8;
            if (tag == DicomTags.SequenceDelimitationItem)
            {
                if (untilDelimiter) return [.. items];
                throw Error("A sequence delimiter appears in a sequence of defined length", itemStart, sequenceTag);
            }
            if (tag != DicomTags.Item)
            {
                throw Error($"Expected an item (FFFE,E000) in the sequence but found {tag}", itemStart, sequenceTag);
            }
            var item = new DicomDataset();
            if (length == UndefinedLength)
            {
                ReadDataset(item, end, untilItemDelimiter: true, depth);
            }
            else
            {
                if (length > (uint)(end - Position))
                {
                    throw Error($"An item length of {length} runs past the end of its sequence ({end - Position} bytes left)", itemStart, sequenceTag, unexpectedEnd: length > (uint)(buffer.Length - Position));
                }
                var itemEnd = Position + (int)length;
                ReadDataset(item, itemEnd, untilItemDelimiter: false, depth);
                Position = itemEnd;
            }
            items.Add(item);
        }
    }

    private EncapsulatedPixelData ReadFragments(DicomTag tag, int end)
    {
        ReadOnlyMemory<byte>? offsetTable = null;
        var fragments = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            var itemStart = Position;
            if (itemStart >= end) throw Error("Encapsulated pixel data ends without a sequence delimiter", itemStart, tag, unexpectedEnd: end == buffer.Length);
            Need(itemStart, 8, end, tag);
            var itemTag = new DicomTag(ReadUInt16(itemStart), ReadUInt16(itemStart + 2));
            var length = ReadUInt32(itemStart + 4);
            Position += 8;
            if (itemTag == DicomTags.SequenceDelimitationItem) break;
            if (itemTag != DicomTags.Item) throw Error($"Expected a fragment item (FFFE,E000) but found {itemTag}", itemStart, tag);
            if (length > (uint)(end - Position))
            {
                throw Error($"A fragment length of {length} runs past the end of the input ({end - Position} bytes left)", itemStart, tag, unexpectedEnd: length > (uint)(buffer.Length - Position));
            }
            var value = buffer.Slice(Position, (int)length);
            Position += (int)length;
            if (offsetTable is null) offsetTable = value;
            else fragments.Add(value);
        }
        return new EncapsulatedPixelData(offsetTable ?? ReadOnlyMemory<byte>.Empty, fragments);
    }

    /// <summary>The value bytes: a slice of the input, or a byte-swapped copy for binary VRs of big-endian data.</summary>
    private ReadOnlyMemory<byte> Value(int start, int length, DicomVR vr)
    {
        var slice = buffer.Slice(start, length);
        var size = vr.ByteSwapSize;
        if (!bigEndian || size == 1) return slice;
        var copy = slice.ToArray();
        // AT is two 16-bit numbers, so its 2-byte swap size is right too. A ragged tail (invalid) is left as is.
        var whole = copy.Length - copy.Length % size;
        for (var i = 0; i < whole; i += size) copy.AsSpan(i, size).Reverse();
        return copy;
    }

    private static DicomVR ImplicitVR(DicomDataset owner, DicomTag tag, uint length)
    {
        if (!DicomDictionary.TryGet(tag, out var entry)) return length == UndefinedLength ? DicomVR.SQ : DicomVR.UN;
        if (entry.VRs.Count == 1) return entry.VR;
        if (tag == DicomTags.PixelData || entry.VRs.Contains(DicomVR.OW)) return DicomVR.OW;
        if (entry.VRs.Contains(DicomVR.SS) && !LookUpTableDescriptors.Contains(tag))
        {
            // US or SS: signed when the image's Pixel Representation says so (Pixel Padding Value, smallest/largest pixel…).
            return PixelRepresentation(owner) == 1 ? DicomVR.SS : DicomVR.US;
        }
        return entry.VR;
    }

    private static int PixelRepresentation(DicomDataset? dataset)
    {
        for (; dataset is not null; dataset = dataset.Parent)
        {
            if (dataset.TryGet(DicomTags.PixelRepresentation, out var element) && element.RawValue.Length >= 2)
            {
                return BinaryPrimitives.ReadUInt16LittleEndian(element.RawValue.Span);
            }
        }
        return 0;
    }

    private DicomTag PeekTag(int end)
    {
        Need(Position, 4, end, null);
        return new DicomTag(ReadUInt16(Position), ReadUInt16(Position + 2));
    }

    /// <summary>Checks that <paramref name="count"/> bytes from <paramref name="start"/> lie before <paramref name="end"/>.</summary>
    private int Need(int start, int count, int end, DicomTag? tag)
    {
        if (start + count > end)
        {
            throw Error($"The input ends inside an element header ({end - start} of {count} bytes)", start, tag, unexpectedEnd: end == buffer.Length);
        }
        return start;
    }

    private ushort ReadUInt16(int at) => bigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(buffer.Span[at..])
        : BinaryPrimitives.ReadUInt16LittleEndian(buffer.Span[at..]);

    private uint ReadUInt32(int at) => bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(buffer.Span[at..])
        : BinaryPrimitives.ReadUInt32LittleEndian(buffer.Span[at..]);

    private static DicomFormatException Error(string message, long offset, DicomTag? tag, bool unexpectedEnd = false) =>
        new(message, offset, tag) { IsUnexpectedEnd = unexpectedEnd };
}
