namespace Ich.Dicom;

/// <summary>
/// The input looks like DICOM but is broken: truncated, a length past the end, a sequence nested too deep,
/// a value that cannot be decoded. <see cref="Offset"/> and <see cref="Tag"/> say where, when known.
/// </summary>
public class DicomFormatException : DicomException
{
    /// <summary>Creates the exception; the message gets the offset and tag appended when they are given.</summary>
    public DicomFormatException(string message, long? offset = null, DicomTag? tag = null, Exception? innerException = null)
        : base(Describe(message, offset, tag), innerException)
    {
        Offset = offset;
        Tag = tag;
    }

    /// <summary>The byte offset in the input (or in the inflated stream of a deflated file) where the problem was found.</summary>
    public long? Offset { get; }

    /// <summary>The tag of the element being read, when known.</summary>
    public DicomTag? Tag { get; }

    /// <summary>True when the input simply ended too early (the reader uses it to read more of a file).</summary>
    internal bool IsUnexpectedEnd { get; init; }

    private static string Describe(string message, long? offset, DicomTag? tag) =>
        (offset, tag) switch
        {
            (not null, not null) => $"{message} (element {tag}, at byte {offset})",
            (not null, null) => $"{message} (at byte {offset})",
            (null, not null) => $"{message} (element {tag})",
            _ => message,
        };
}
