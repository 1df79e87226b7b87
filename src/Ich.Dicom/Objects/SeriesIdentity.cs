namespace Ich.Dicom.Objects;

/// <summary>The series an object belongs to (General Series / SR Document Series module).</summary>
/// <param name="SeriesInstanceUid">Series Instance UID (0020,000E).</param>
/// <param name="SeriesNumber">Series Number (0020,0011), non-negative.</param>
public sealed record SeriesIdentity(string SeriesInstanceUid, int SeriesNumber)
{
    /// <summary>Series Description (0008,103E); not written when null.</summary>
    public string? Description { get; init; }

    /// <summary>Series Date and Time (0008,0021/0031); not written when null.</summary>
    public DateTime? SeriesDateTime { get; init; }

    internal void WriteTo(DicomDataset dataset, string modality)
    {
        if (SeriesNumber < 0) throw new ArgumentOutOfRangeException(nameof(SeriesNumber), SeriesNumber, "Series Number must not be negative.");
        DicomValues.SetText(dataset, DicomTags.Modality, DicomVR.CS, modality, "Modality");
        DicomValues.SetUid(dataset, DicomTags.SeriesInstanceUID, SeriesInstanceUid, "Series Instance UID");
        dataset.SetNumbers(DicomTags.SeriesNumber, DicomVR.IS, SeriesNumber);
        DicomValues.SetOptionalText(dataset, DicomTags.SeriesDescription, DicomVR.LO, Description, "Series Description");
        if (SeriesDateTime is { } when)
        {
            DicomValues.SetDate(dataset, DicomTags.SeriesDate, when);
            DicomValues.SetTime(dataset, DicomTags.SeriesTime, when);
        }
    }
}
