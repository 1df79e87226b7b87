namespace Ich.Dicom;

/// <summary>
/// The base of every error this library raises for bad DICOM input. Messages say what is wrong and where,
/// and never contain patient data.
/// </summary>
public class DicomException : Exception
{
    /// <summary>Creates the exception with a message a person understands.</summary>
    public DicomException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public DicomException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
