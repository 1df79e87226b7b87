namespace Ich.Dicom.Objects;

/// <summary>
/// The Patient module's identity attributes. The product copies them from the study it analyses; phantoms make up
/// their own. They are PHI: never log them or put them in messages.
/// </summary>
/// <param name="Name">Patient's Name (0010,0010), in DICOM PN form ("Family^Given"); may be empty.</param>
/// <param name="Id">Patient ID (0010,0020); may be empty.</param>
public sealed record PatientIdentity(string Name, string Id)
{
    /// <summary>Patient's Birth Date (0010,0030); null writes it empty.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Patient's Sex (0010,0040): "M", "F", "O", or empty when unknown.</summary>
    public string Sex { get; init; } = string.Empty;

    internal void WriteTo(DicomDataset dataset)
    {
        if (Sex is not ("" or "M" or "F" or "O"))
        {
            throw new ArgumentException("Patient's Sex must be M, F, O or empty.", nameof(Sex));
        }
        DicomValues.SetText(dataset, DicomTags.PatientName, DicomVR.PN, Name, "Patient's Name");
        DicomValues.SetText(dataset, DicomTags.PatientID, DicomVR.LO, Id, "Patient ID");
        DicomValues.SetDate(dataset, DicomTags.PatientBirthDate, BirthDate?.ToDateTime(TimeOnly.MinValue));
        DicomValues.SetText(dataset, DicomTags.PatientSex, DicomVR.CS, Sex, "Patient's Sex");
    }
}
