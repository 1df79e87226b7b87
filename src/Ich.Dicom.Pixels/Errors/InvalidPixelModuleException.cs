namespace Ich.Dicom.Pixels;

/// <summary>
/// The image pixel module (group 0028) is missing an attribute or holds values that cannot describe pixel data,
/// e.g. no Rows, Bits Allocated 12, Bits Stored above Bits Allocated. The message names the attribute.
/// </summary>
public sealed class InvalidPixelModuleException : DicomException
{
    /// <summary>Creates the exception for the attribute <paramref name="tag"/>.</summary>
    /// <param name="tag">The attribute that is missing or wrong.</param>
    /// <param name="message">What is wrong, in words a person understands (never patient data).</param>
    public InvalidPixelModuleException(DicomTag tag, string message)
        : base($"Image pixel module {tag}: {message}")
    {
        Tag = tag;
    }

    /// <summary>The attribute that is missing or wrong.</summary>
    public DicomTag Tag { get; }
}
