namespace Ich.Dicom.Objects;

/// <summary>
/// One content item of a structured report's tree (PS3.3 C.17.3). Items are linked to their parent container by
/// the CONTAINS relationship, by value. The closed set of kinds is <see cref="SrText"/>, <see cref="SrCode"/>,
/// <see cref="SrNumber"/>, <see cref="SrImage"/> and <see cref="SrContainer"/>.
/// </summary>
public abstract record SrContentItem
{
    private protected SrContentItem()
    {
    }

    /// <summary>Value Type (0040,A040), e.g. TEXT.</summary>
    public abstract string ValueType { get; }

    /// <summary>Concept Name Code Sequence (0040,A043): what the item is about; optional only for IMAGE.</summary>
    public abstract CodedConcept? ConceptName { get; }

    /// <summary>The item (with its children) as a Content Sequence item, related to its parent by <paramref name="relationship"/>.</summary>
    internal DicomDataset ToItem(string? relationship)
    {
        var item = new DicomDataset();
        if (relationship is not null) DicomValues.SetText(item, DicomTags.RelationshipType, DicomVR.CS, relationship, "Relationship Type");
        DicomValues.SetText(item, DicomTags.ValueType, DicomVR.CS, ValueType, "Value Type");
        if (ConceptName is not null) item.SetSequence(DicomTags.ConceptNameCodeSequence, [ConceptName.ToItem()]);
        WriteValue(item);
        return item;
    }

    /// <summary>Every item of this subtree, this one first.</summary>
    internal virtual IEnumerable<SrContentItem> DescendantsAndSelf() => [this];

    private protected abstract void WriteValue(DicomDataset item);
}
