namespace Ich.Dicom;

/// <summary>
/// Which elements identify the patient and must stay out of logs, error messages and dumps unless asked for:
/// every person name (PN), the whole patient group (0010: name, ID, birth date, sex, age, address…), and the
/// accession number, institution and study ID that lead back to the patient.
/// </summary>
public static class DicomPrivacy
{
    private static readonly DicomTag[] IdentifyingTags =
    [
        DicomTags.AccessionNumber,
        DicomTags.InstitutionName,
        new(0x0008, 0x0081), // Institution Address
        new(0x0008, 0x1040), // Institutional Department Name
        DicomTags.StudyID,
        new(0x0038, 0x0010), // Admission ID
    ];

    /// <summary>True if the element's value may identify the patient.</summary>
    public static bool IsIdentifying(DicomTag tag, DicomVR vr) =>
        vr == DicomVR.PN || tag.Group == 0x0010 || Array.IndexOf(IdentifyingTags, tag) >= 0;
}
