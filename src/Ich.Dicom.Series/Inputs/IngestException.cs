namespace Ich.Dicom.Series.Inputs;

/// <summary>The upload as a whole cannot be used: a path that does not exist, or a limit of <see cref="IngestOptions"/> exceeded.</summary>
public class IngestException : Exception
{
    /// <summary>Creates the exception with a message a person understands.</summary>
    public IngestException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public IngestException(string message, Exception innerException) : base(message, innerException) { }
}
