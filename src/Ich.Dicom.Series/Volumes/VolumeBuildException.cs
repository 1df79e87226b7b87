namespace Ich.Dicom.Series.Volumes;

/// <summary>
/// A volume could not be built: the series is unusable, or a slice's pixel data could not be decoded. The whole volume
/// fails — a slice is never left out silently.
/// </summary>
public sealed class VolumeBuildException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VolumeBuildException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public VolumeBuildException(string message, Exception innerException) : base(message, innerException) { }
}
