namespace Ich.Dicom;

/// <summary>
/// Encapsulated (compressed) pixel data (PS3.5 A.4): the Basic Offset Table item and the fragment items, as stored.
/// Fragments are slices of the buffer the file was read from; nothing is copied.
/// </summary>
public sealed class EncapsulatedPixelData
{
    /// <summary>Creates encapsulated pixel data from a basic offset table (may be empty) and fragments.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fragments"/> is null.</exception>
    public EncapsulatedPixelData(ReadOnlyMemory<byte> basicOffsetTable, IReadOnlyList<ReadOnlyMemory<byte>> fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        BasicOffsetTable = basicOffsetTable;
        Fragments = fragments;
    }

    /// <summary>The first item's value: little-endian 32-bit offsets of each frame's first fragment, or empty.</summary>
    public ReadOnlyMemory<byte> BasicOffsetTable { get; }

    /// <summary>The fragment items after the offset table, in file order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments { get; }

    /// <summary>The offsets in the basic offset table (empty when the table is empty).</summary>
    public IReadOnlyList<uint> GetFrameOffsets()
    {
        var span = BasicOffsetTable.Span;
        var offsets = new uint[span.Length / 4];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span[(i * 4)..]);
        }
        return offsets;
    }
}
