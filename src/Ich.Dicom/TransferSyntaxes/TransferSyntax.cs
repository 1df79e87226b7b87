namespace Ich.Dicom;

/// <summary>
/// A transfer syntax (PS3.5 10): how a dataset is encoded (VR explicit or implicit, byte order, deflate) and whether
/// its pixel data is encapsulated (compressed). Unknown UIDs are treated as the standard says new syntaxes are:
/// explicit VR little endian with encapsulated pixel data.
/// </summary>
public sealed class TransferSyntax : IEquatable<TransferSyntax>
{
    private static readonly Dictionary<string, TransferSyntax> KnownByUid = new(StringComparer.Ordinal);

    private TransferSyntax(string uid, string name, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated, bool lossless, bool known)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
        IsLossless = lossless;
        IsKnown = known;
    }

    /// <summary>The transfer syntax UID, e.g. "1.2.840.10008.1.2.1".</summary>
    public string Uid { get; }

    /// <summary>The name, e.g. "Explicit VR Little Endian", or "unknown".</summary>
    public string Name { get; }

    /// <summary>True if each element header carries its VR.</summary>
    public bool IsExplicitVR { get; }

    /// <summary>True for the (retired) explicit VR big endian syntax.</summary>
    public bool IsBigEndian { get; }

    /// <summary>True if the dataset after the file meta group is deflate-compressed.</summary>
    public bool IsDeflated { get; }

    /// <summary>True if pixel data is encapsulated in fragments (compressed, or an unknown syntax).</summary>
    public bool IsEncapsulated { get; }

    /// <summary>True if decoding gives back the original pixels exactly (native, RLE, lossless JPEG/JPEG-LS/JPEG 2000).</summary>
    public bool IsLossless { get; }

    /// <summary>True if the UID is one this library knows by name.</summary>
    public bool IsKnown { get; }

#pragma warning disable CS1591 // The field names are the names of PS3.6 table A-1.
    public static readonly TransferSyntax ImplicitVRLittleEndian = Known("1.2.840.10008.1.2", "Implicit VR Little Endian", explicitVR: false);
    public static readonly TransferSyntax ExplicitVRLittleEndian = Known("1.2.840.10008.1.2.1", "Explicit VR Little Endian");
    public static readonly TransferSyntax DeflatedExplicitVRLittleEndian = Known("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", deflated: true);
    public static readonly TransferSyntax ExplicitVRBigEndian = Known("1.2.840.10008.1.2.2", "Explicit VR Big Endian", bigEndian: true);
    public static readonly TransferSyntax RLELossless = Known("1.2.840.10008.1.2.5", "RLE Lossless", encapsulated: true);
    public static readonly TransferSyntax JPEGBaseline = Known("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", encapsulated: true, lossless: false);
    public static readonly TransferSyntax JPEGExtended = Known("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", encapsulated: true, lossless: false);
    public static readonly TransferSyntax JPEGLossless = Known("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", encapsulated: true);
    public static readonly TransferSyntax JPEGLosslessSV1 = Known("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", encapsulated: true);
    public static readonly TransferSyntax JPEGLSLossless = Known("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", encapsulated: true);
    public static readonly TransferSyntax JPEGLSNearLossless = Known("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", encapsulated: true, lossless: false);
    public static readonly TransferSyntax JPEG2000Lossless = Known("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", encapsulated: true);
    public static readonly TransferSyntax JPEG2000 = Known("1.2.840.10008.1.2.4.91", "JPEG 2000", encapsulated: true, lossless: false);
#pragma warning restore CS1591

    /// <summary>The transfer syntaxes this library knows by name.</summary>
    public static IReadOnlyCollection<TransferSyntax> All => KnownByUid.Values;

    /// <summary>
    /// The transfer syntax for <paramref name="uid"/> (trailing NUL/space padding ignored). Unknown UIDs give an
    /// instance named "unknown" with explicit VR little endian and encapsulated pixel data.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="uid"/> is null.</exception>
    public static TransferSyntax FromUid(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        var trimmed = uid.TrimEnd('\0', ' ');
        return KnownByUid.TryGetValue(trimmed, out var known)
            ? known
            : new TransferSyntax(trimmed, "unknown", explicitVR: true, bigEndian: false, deflated: false, encapsulated: true, lossless: false, known: false);
    }

    private static TransferSyntax Known(string uid, string name, bool explicitVR = true, bool bigEndian = false, bool deflated = false, bool encapsulated = false, bool lossless = true)
    {
        var syntax = new TransferSyntax(uid, name, explicitVR, bigEndian, deflated, encapsulated, lossless, known: true);
        KnownByUid.Add(uid, syntax);
        return syntax;
    }

    /// <inheritdoc />
    public bool Equals(TransferSyntax? other) => other is not null && string.Equals(Uid, other.Uid, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TransferSyntax);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Uid);

    /// <summary>Equality by UID.</summary>
    public static bool operator ==(TransferSyntax? left, TransferSyntax? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by UID.</summary>
    public static bool operator !=(TransferSyntax? left, TransferSyntax? right) => !(left == right);

    /// <summary>"Name (UID)".</summary>
    public override string ToString() => $"{Name} ({Uid})";
}
