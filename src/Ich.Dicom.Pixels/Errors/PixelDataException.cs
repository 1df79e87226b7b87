namespace Ich.Dicom.Pixels;

/// <summary>
/// The Pixel Data element cannot give the frames the header promises: it is missing, shorter than the frames
/// need, or its encapsulated fragments cannot be matched to frames. Never raised for a frame silently dropped:
/// a frame that cannot be found is always this error.
/// </summary>
public sealed class PixelDataException : DicomException
{
    /// <summary>Creates the exception with a message a person understands (never patient data).</summary>
    public PixelDataException(string message)
        : base(message)
    {
    }
}
