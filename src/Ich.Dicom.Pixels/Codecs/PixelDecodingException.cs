namespace Ich.Dicom.Pixels.Codecs;

/// <summary>
/// A compressed frame could not be decoded: the codestream is corrupt or truncated, or it does not match the
/// dataset's image pixel module. The message names the transfer syntax and never contains patient data.
/// </summary>
public class PixelDecodingException : DicomException
{
    /// <summary>Creates the exception for a frame of <paramref name="transferSyntax"/>.</summary>
    /// <param name="transferSyntax">The transfer syntax whose frame failed to decode.</param>
    /// <param name="reason">What is wrong, in words a person understands.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public PixelDecodingException(TransferSyntax transferSyntax, string reason, Exception? innerException = null)
        : base(Describe(transferSyntax, reason), innerException)
    {
        TransferSyntax = transferSyntax;
    }

    /// <summary>The transfer syntax of the frame that failed.</summary>
    public TransferSyntax TransferSyntax { get; }

    private static string Describe(TransferSyntax transferSyntax, string reason)
    {
        ArgumentNullException.ThrowIfNull(transferSyntax);
        return $"Cannot decode a frame of {transferSyntax.Name} ({transferSyntax.Uid}): {reason}";
    }
}
