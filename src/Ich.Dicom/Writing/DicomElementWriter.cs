using System.Buffers.Binary;

namespace Ich.Dicom;

/// <summary>Encodes data elements in one encoding (explicit or implicit VR, little or big endian) onto a stream.</summary>
internal sealed class DicomElementWriter(Stream output, bool explicitVR, bool bigEndian)
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private readonly byte[] header = new byte[12];

    public Stream Output { get; } = output;

    public void WriteDataset(DicomDataset dataset, bool topLevel)
    {
        foreach (var element in dataset)
        {
            // The meta group belongs to the file meta information; group lengths are recomputed nowhere (retired).
            if (topLevel && element.Tag.Group == 0x0002) continue;
            if (element.Tag.IsGroupLength) continue;
            WriteElement(element);
        }
    }

    public void WriteElement(DicomElement element)
    {
        if (element.Items is not null)
        {
            WriteHeader(element.Tag, DicomVR.SQ, UndefinedLength);
            foreach (var item in element.Items)
            {
                WriteItemTag(DicomTags.Item, UndefinedLength);
                WriteDataset(item, topLevel: false);
                WriteItemTag(DicomTags.ItemDelimitationItem, 0);
            }
            WriteItemTag(DicomTags.SequenceDelimitationItem, 0);
            return;
        }
        if (element.Fragments is not null)
        {
            WriteHeader(element.Tag, DicomVR.OB, UndefinedLength);
            WriteFragment(element.Fragments.BasicOffsetTable.Span);
            foreach (var fragment in element.Fragments.Fragments) WriteFragment(fragment.Span);
            WriteItemTag(DicomTags.SequenceDelimitationItem, 0);
            return;
        }

        // Unknown VR codes are written as UN so that every reader accepts the file (PS3.5 6.2.2).
        var vr = element.VR.IsKnown ? element.VR : DicomVR.UN;
        var value = element.RawValue.Span;
        var padded = value.Length + (value.Length & 1);
        if (explicitVR && !vr.HasLongLength && padded > ushort.MaxValue)
        {
            throw new DicomException($"Element {element.Tag}: a {vr} value of {padded} bytes does not fit the 16-bit length of explicit VR.");
        }
        WriteHeader(element.Tag, vr, (uint)padded);
        WriteValue(value, vr);
        if (padded != value.Length) Output.WriteByte(vr.PaddingByte);
    }

    private void WriteValue(ReadOnlySpan<byte> value, DicomVR vr)
    {
        var size = vr.ByteSwapSize;
        if (!bigEndian || size == 1)
        {
            Output.Write(value);
            return;
        }
        // Values are held little endian; swap each number for big endian, in chunks (multiples of 8) to bound the copy.
        var chunk = new byte[Math.Min(value.Length, 1 << 16)];
        for (var offset = 0; offset < value.Length; offset += chunk.Length)
        {
            var length = Math.Min(chunk.Length, value.Length - offset);
            value.Slice(offset, length).CopyTo(chunk);
            var whole = length - length % size;
            for (var i = 0; i < whole; i += size) chunk.AsSpan(i, size).Reverse();
            Output.Write(chunk, 0, length);
        }
    }

    private void WriteFragment(ReadOnlySpan<byte> fragment)
    {
        // Fragments must have even length (PS3.5 A.4); pad an odd one with a NUL as encoders do.
        var padded = fragment.Length + (fragment.Length & 1);
        WriteItemTag(DicomTags.Item, (uint)padded);
        Output.Write(fragment);
        if (padded != fragment.Length) Output.WriteByte(0);
    }

    private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
    {
        WriteUInt16(header, 0, tag.Group);
        WriteUInt16(header, 2, tag.Element);
        if (!explicitVR)
        {
            WriteUInt32(header, 4, length);
            Output.Write(header, 0, 8);
            return;
        }
        vr.WriteTo(header.AsSpan(4));
        if (vr.HasLongLength)
        {
            header[6] = 0;
            header[7] = 0;
            WriteUInt32(header, 8, length);
            Output.Write(header, 0, 12);
        }
        else
        {
            WriteUInt16(header, 6, (ushort)length);
            Output.Write(header, 0, 8);
        }
    }

    private void WriteItemTag(DicomTag tag, uint length)
    {
        WriteUInt16(header, 0, tag.Group);
        WriteUInt16(header, 2, tag.Element);
        WriteUInt32(header, 4, length);
        Output.Write(header, 0, 8);
    }

    private void WriteUInt16(byte[] target, int at, ushort value)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(target.AsSpan(at), value);
        else BinaryPrimitives.WriteUInt16LittleEndian(target.AsSpan(at), value);
    }

    private void WriteUInt32(byte[] target, int at, uint value)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(target.AsSpan(at), value);
        else BinaryPrimitives.WriteUInt32LittleEndian(target.AsSpan(at), value);
    }
}
