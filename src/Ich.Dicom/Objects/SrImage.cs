namespace Ich.Dicom.Objects;

/// <summary>An IMAGE item: a reference to an image of the study, e.g. a slice where a finding was seen.</summary>
/// <param name="Image">The referenced image.</param>
/// <param name="Concept">An optional concept name, e.g. (121112, DCM, "Source of Measurement").</param>
public sealed record SrImage(ImageReference Image, CodedConcept? Concept = null) : SrContentItem
{
    /// <inheritdoc />
    public override string ValueType => "IMAGE";

    /// <inheritdoc />
    public override CodedConcept? ConceptName => Concept;

    private protected override void WriteValue(DicomDataset item) => item.SetSequence(DicomTags.ReferencedSOPSequence, [Image.ToSopItem()]);
}
