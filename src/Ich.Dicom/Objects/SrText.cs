namespace Ich.Dicom.Objects;

/// <summary>A TEXT item: free text under a concept name, e.g. Finding: "No intracranial hemorrhage detected.".</summary>
/// <param name="Concept">The concept name.</param>
/// <param name="Text">Text Value (0040,A160), UT: any length, line breaks allowed.</param>
public sealed record SrText(CodedConcept Concept, string Text) : SrContentItem
{
    /// <inheritdoc />
    public override string ValueType => "TEXT";

    /// <inheritdoc />
    public override CodedConcept? ConceptName => Concept;

    private protected override void WriteValue(DicomDataset item)
    {
        if (string.IsNullOrEmpty(Text)) throw new ArgumentException($"The TEXT item {Concept} has no text.", nameof(Text));
        DicomValues.SetText(item, DicomTags.TextValue, DicomVR.UT, Text, "Text Value");
    }
}
