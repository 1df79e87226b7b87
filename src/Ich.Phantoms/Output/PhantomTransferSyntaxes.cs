using Ich.Dicom;

namespace Ich.Phantoms.Output;

/// <summary>The transfer syntaxes phantom studies can be written in (those the DICOM writer encodes natively).</summary>
public static class PhantomTransferSyntaxes
{
    private static readonly (string Name, TransferSyntax Syntax)[] Supported =
    [
        ("explicit", TransferSyntax.ExplicitVRLittleEndian),
        ("implicit", TransferSyntax.ImplicitVRLittleEndian),
        ("deflated", TransferSyntax.DeflatedExplicitVRLittleEndian),
        ("big-endian", TransferSyntax.ExplicitVRBigEndian),
    ];

    /// <summary>Short names accepted by <see cref="Parse"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Supported.Select(s => s.Name)];

    /// <summary>
    /// Resolves a short name (<c>explicit</c>, <c>implicit</c>, <c>deflated</c>, <c>big-endian</c>) or a transfer syntax UID.
    /// </summary>
    /// <exception cref="ArgumentException">The syntax is unknown or one phantoms cannot be written in (e.g. compressed).</exception>
    public static TransferSyntax Parse(string nameOrUid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrUid);
        var value = nameOrUid.Trim();
        foreach (var (name, syntax) in Supported)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase) || syntax.Uid == value) return syntax;
        }
        var known = TransferSyntax.All.FirstOrDefault(s => s.Uid == value);
        var what = known is null ? $"'{value}' is not a transfer syntax name or UID" : $"{known} is not supported for phantoms (no encoder)";
        throw new ArgumentException(
            $"{what}. Use one of: {string.Join(", ", Supported.Select(s => $"{s.Name} ({s.Syntax.Uid})"))}.", nameof(nameOrUid));
    }
}
