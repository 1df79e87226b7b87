namespace Ich.Dicom.Objects;

/// <summary>
/// A coded concept (PS3.3 8.8, the Code Sequence macro): a code value, the scheme that defines it and its meaning,
/// e.g. ("121070", "DCM", "Findings"). Codes longer than 16 characters (Long/URN Code Value) are not supported.
/// </summary>
/// <param name="Value">Code Value (0008,0100), 1–16 characters.</param>
/// <param name="Scheme">Coding Scheme Designator (0008,0102), e.g. DCM, LN, SCT, UCUM.</param>
/// <param name="Meaning">Code Meaning (0008,0104), at most 64 characters.</param>
public sealed record CodedConcept(string Value, string Scheme, string Meaning)
{
    /// <summary>The concept as one Code Sequence item.</summary>
    /// <exception cref="ArgumentException">A part is empty or too long.</exception>
    internal DicomDataset ToItem()
    {
        if (string.IsNullOrEmpty(Value) || string.IsNullOrEmpty(Scheme) || string.IsNullOrEmpty(Meaning))
        {
            throw new ArgumentException("A coded concept needs a code value, a coding scheme designator and a code meaning.", nameof(Value));
        }
        var item = new DicomDataset();
        DicomValues.SetText(item, DicomTags.CodeValue, DicomVR.SH, Value, "Code Value");
        DicomValues.SetText(item, DicomTags.CodingSchemeDesignator, DicomVR.SH, Scheme, "Coding Scheme Designator");
        DicomValues.SetText(item, DicomTags.CodeMeaning, DicomVR.LO, Meaning, "Code Meaning");
        return item;
    }

    /// <summary>"(Value, Scheme, "Meaning")", the way DICOM documents write codes.</summary>
    public override string ToString() => $"({Value}, {Scheme}, \"{Meaning}\")";
}
