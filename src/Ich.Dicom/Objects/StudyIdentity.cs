namespace Ich.Dicom.Objects;

/// <summary>The General Study module: which study an object belongs to. Derived objects reuse their source's study.</summary>
/// <param name="StudyInstanceUid">Study Instance UID (0020,000D).</param>
/// <param name="StudyDateTime">Study Date and Time (0008,0020/0030); null writes them empty.</param>
public sealed record StudyIdentity(string StudyInstanceUid, DateTime? StudyDateTime)
{
    /// <summary>Study ID (0020,0010), at most 16 characters. Type 2, so it may be empty, but DICOMDIR needs a value (dciodvfy warns).</summary>
    public string StudyId { get; init; } = string.Empty;

    /// <summary>Accession Number (0008,0050), at most 16 characters.</summary>
    public string AccessionNumber { get; init; } = string.Empty;

    /// <summary>Referring Physician's Name (0008,0090), PN form.</summary>
    public string ReferringPhysicianName { get; init; } = string.Empty;

    /// <summary>Study Description (0008,1030); not written when null.</summary>
    public string? Description { get; init; }

    internal void WriteTo(DicomDataset dataset)
    {
        DicomValues.SetUid(dataset, DicomTags.StudyInstanceUID, StudyInstanceUid, "Study Instance UID");
        DicomValues.SetDate(dataset, DicomTags.StudyDate, StudyDateTime);
        DicomValues.SetTime(dataset, DicomTags.StudyTime, StudyDateTime);
        DicomValues.SetText(dataset, DicomTags.ReferringPhysicianName, DicomVR.PN, ReferringPhysicianName, "Referring Physician's Name");
        DicomValues.SetText(dataset, DicomTags.StudyID, DicomVR.SH, StudyId, "Study ID");
        DicomValues.SetText(dataset, DicomTags.AccessionNumber, DicomVR.SH, AccessionNumber, "Accession Number");
        DicomValues.SetOptionalText(dataset, DicomTags.StudyDescription, DicomVR.LO, Description, "Study Description");
    }
}
