namespace Ich.Dicom;

/// <summary>
/// One data element: a tag, its VR and its value. Exactly one of three value forms is used: raw bytes
/// (<see cref="RawValue"/>), sequence items (<see cref="Items"/>, VR SQ) or encapsulated pixel data
/// (<see cref="Fragments"/>).
/// </summary>
public sealed class DicomElement
{
    /// <summary>Creates an element with a raw value. Binary numbers in <paramref name="rawValue"/> must be little endian.</summary>
    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> rawValue)
    {
        Tag = tag;
        VR = vr;
        RawValue = rawValue;
    }

    /// <summary>Creates a sequence element (VR SQ) holding <paramref name="items"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public DicomElement(DicomTag tag, IReadOnlyList<DicomDataset> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Tag = tag;
        VR = DicomVR.SQ;
        Items = items;
    }

    /// <summary>Creates an encapsulated pixel data element (VR OB).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fragments"/> is null.</exception>
    public DicomElement(DicomTag tag, EncapsulatedPixelData fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        Tag = tag;
        VR = DicomVR.OB;
        Fragments = fragments;
    }

    /// <summary>The element's tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>The element's value representation (from the file in explicit VR, from the dictionary in implicit VR).</summary>
    public DicomVR VR { get; }

    /// <summary>
    /// The value bytes, always in little-endian byte order (the reader swaps binary values of big-endian files).
    /// Empty for sequences and encapsulated pixel data. Usually a slice of the buffer the file was read from.
    /// </summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>The items of a sequence; null unless the element is a sequence.</summary>
    public IReadOnlyList<DicomDataset>? Items { get; }

    /// <summary>The fragments of encapsulated pixel data; null unless the pixel data is encapsulated.</summary>
    public EncapsulatedPixelData? Fragments { get; }

    /// <summary>True if the element is a sequence.</summary>
    public bool IsSequence => Items is not null;

    /// <summary>True if the element holds encapsulated pixel data.</summary>
    public bool IsEncapsulated => Fragments is not null;

    /// <summary>The tag, VR and value size, without the value (values may be patient data).</summary>
    public override string ToString() =>
        Items is not null ? $"{Tag} SQ ({Items.Count} items)"
        : Fragments is not null ? $"{Tag} {VR} (encapsulated, {Fragments.Fragments.Count} fragments)"
        : $"{Tag} {VR} ({RawValue.Length} bytes)";
}
