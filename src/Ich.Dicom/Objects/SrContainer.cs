namespace Ich.Dicom.Objects;

/// <summary>A CONTAINER item: a heading that groups its children, e.g. Findings.</summary>
/// <param name="Concept">The heading.</param>
/// <param name="Children">The items it contains, in order.</param>
public sealed record SrContainer(CodedConcept Concept, IReadOnlyList<SrContentItem> Children) : SrContentItem
{
    /// <inheritdoc />
    public override string ValueType => "CONTAINER";

    /// <inheritdoc />
    public override CodedConcept? ConceptName => Concept;

    /// <summary>A section: a heading with one TEXT item (under <paramref name="textConcept"/>, else the heading) and image references.</summary>
    /// <param name="heading">The container's concept name, e.g. <see cref="SrCodes.Findings"/>.</param>
    /// <param name="text">The section's text.</param>
    /// <param name="images">Images the text refers to.</param>
    /// <param name="textConcept">The TEXT item's concept name, e.g. <see cref="SrCodes.Finding"/>; the heading when null.</param>
    public static SrContainer Section(CodedConcept heading, string text, IEnumerable<ImageReference>? images = null, CodedConcept? textConcept = null) =>
        new(heading, [new SrText(textConcept ?? heading, text), .. (images ?? []).Select(image => new SrImage(image))]);

    internal override IEnumerable<SrContentItem> DescendantsAndSelf() => Children.SelectMany(child => child.DescendantsAndSelf()).Prepend(this);

    private protected override void WriteValue(DicomDataset item)
    {
        DicomValues.SetText(item, DicomTags.ContinuityOfContent, DicomVR.CS, "SEPARATE", "Continuity of Content");
        if (Children.Count > 0) item.SetSequence(DicomTags.ContentSequence, Children.Select(child => child.ToItem("CONTAINS")));
    }
}
