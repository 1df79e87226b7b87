namespace Ich.Dicom;

/// <summary>The input is not DICOM: no "DICM" marker and not a plausible bare dataset.</summary>
public class NotDicomException : DicomException
{
    /// <summary>Creates the exception with a message a person understands.</summary>
    public NotDicomException(string message)
        : base(message)
    {
    }
}
