using System.Globalization;

namespace Ich.Dicom.Objects;

/// <summary>
/// A NUM item: a number with UCUM units, e.g. Probability 0.87 (1, UCUM, "no units"). Basic Text SR does not allow
/// NUM (PS3.3 A.35.1.3.1), so a report holding one is written as Enhanced SR.
/// </summary>
/// <param name="Concept">The concept name.</param>
/// <param name="Value">Numeric Value (0040,A30A), written as DS (at most 16 characters).</param>
/// <param name="Unit">Measurement Units Code Sequence (0040,08EA), a UCUM code.</param>
public sealed record SrNumber(CodedConcept Concept, double Value, CodedConcept Unit) : SrContentItem
{
    /// <inheritdoc />
    public override string ValueType => "NUM";

    /// <inheritdoc />
    public override CodedConcept? ConceptName => Concept;

    private protected override void WriteValue(DicomDataset item)
    {
        if (!double.IsFinite(Value)) throw new ArgumentException($"The NUM item {Concept} has the non-finite value {Value.ToString(CultureInfo.InvariantCulture)}.", nameof(Value));
        var measured = new DicomDataset();
        measured.SetSequence(DicomTags.MeasurementUnitsCodeSequence, [Unit.ToItem()]);
        measured.SetNumbers(DicomTags.NumericValue, DicomVR.DS, Value);
        item.SetSequence(DicomTags.MeasuredValueSequence, [measured]);
    }
}
