namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// A limit of <see cref="IngestOptions"/> was exceeded (entry count, entry size, total size, compression ratio).
/// The whole upload is rejected: reading on past a zip bomb is unsafe, and stopping part-way would drop slices.
/// </summary>
public sealed class IngestLimitException : IngestException
{
    /// <summary>Creates the exception.</summary>
    public IngestLimitException(string message) : base(message) { }
}
