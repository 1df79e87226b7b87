namespace Ich.Dicom;

/// <summary>A transfer syntax this library (or a codec built on it) cannot read or write.</summary>
public class UnsupportedTransferSyntaxException : DicomException
{
    /// <summary>Creates the exception for <paramref name="transferSyntax"/>, saying why in <paramref name="reason"/>.</summary>
    public UnsupportedTransferSyntaxException(TransferSyntax transferSyntax, string reason)
        : base($"Transfer syntax {transferSyntax?.Name} ({transferSyntax?.Uid}) is not supported: {reason}")
    {
        ArgumentNullException.ThrowIfNull(transferSyntax);
        TransferSyntax = transferSyntax;
    }

    /// <summary>The transfer syntax that is not supported.</summary>
    public TransferSyntax TransferSyntax { get; }
}
