namespace Ich.Dicom.Objects;

/// <summary>A CODE item: a coded answer under a concept name, e.g. Finding: (1386000, SCT, "Intracranial hemorrhage").</summary>
/// <param name="Concept">The concept name.</param>
/// <param name="Value">Concept Code Sequence (0040,A168): the coded value.</param>
public sealed record SrCode(CodedConcept Concept, CodedConcept Value) : SrContentItem
{
    /// <inheritdoc />
    public override string ValueType => "CODE";

    /// <inheritdoc />
    public override CodedConcept? ConceptName => Concept;

    private protected override void WriteValue(DicomDataset item) => item.SetSequence(DicomTags.ConceptCodeSequence, [Value.ToItem()]);
}
