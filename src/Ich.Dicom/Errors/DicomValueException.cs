namespace Ich.Dicom;

/// <summary>
/// An element's value cannot be read as asked: text where a number is expected, a number out of range, a
/// binary value whose length does not fit its VR. The message names the tag and VR, never the value.
/// </summary>
public class DicomValueException : DicomException
{
    /// <summary>Creates the exception for the element <paramref name="tag"/>.</summary>
    public DicomValueException(DicomTag tag, string message)
        : base($"Element {tag}: {message}")
    {
        Tag = tag;
    }

    /// <summary>The tag of the element whose value is wrong.</summary>
    public DicomTag Tag { get; }
}
