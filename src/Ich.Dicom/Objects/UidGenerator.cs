using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Ich.Dicom.Objects;

/// <summary>
/// Makes UIDs under the 2.25 root (PS3.5 B.2: a UUID written as one decimal number), so the product needs no
/// registered organisation root: random ones for new instances, and name-based ones (UUID version 5, SHA-1 over a
/// fixed namespace and the name) when the same input must give the same UID, as phantoms need.
/// </summary>
public static class UidGenerator
{
    /// <summary>The root of every UID this class makes.</summary>
    public const string Root = "2.25";

    /// <summary>The longest UID DICOM allows (VR UI).</summary>
    public const int MaxLength = 64;

    // The namespace of name-based UIDs: a fixed random UUID of this product, so equal names in other products'
    // version-5 UUIDs do not collide with ours.
    private static readonly byte[] NameNamespace = Guid.Parse("6f1c3a52-9b8e-4d27-a3f0-51e2c7d4b981").ToByteArray(bigEndian: true);

    /// <summary>A new, random UID: "2.25." followed by the decimal value of a version-4 UUID.</summary>
    public static string NewUid() => FromUuidBytes(Guid.NewGuid().ToByteArray(bigEndian: true));

    /// <summary>
    /// The UID for <paramref name="name"/>: the same name always gives the same UID, different names give different
    /// UIDs (UUID version 5). Use a name that says what the UID is for, e.g. "phantom/seed-7/study-3/series-1".
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static string FromName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[NameNamespace.Length + nameBytes.Length];
        NameNamespace.CopyTo(input, 0);
        nameBytes.CopyTo(input, NameNamespace.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version-5 UUIDs; this is naming, not security.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        var uuid = hash.AsSpan(0, 16).ToArray();
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50); // version 5
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC 4122 variant
        return FromUuidBytes(uuid);
    }

    /// <summary>
    /// True if <paramref name="uid"/> is a valid UID (PS3.5 9.1): 1–64 characters, components of digits separated
    /// by single dots, no component empty or with a leading zero (except the component "0").
    /// </summary>
    public static bool IsValid(string? uid) => Explain(uid) is null;

    /// <summary>Throws unless <paramref name="uid"/> is valid (see <see cref="IsValid"/>).</summary>
    /// <param name="uid">The UID to check.</param>
    /// <param name="paramName">The name of the argument that held it, for the exception.</param>
    /// <exception cref="ArgumentException">The UID is not valid; the message says why.</exception>
    public static void Validate(string? uid, string paramName)
    {
        if (Explain(uid) is { } problem) throw new ArgumentException($"'{uid}' is not a valid DICOM UID: {problem}.", paramName);
    }

    private static string FromUuidBytes(byte[] uuid) =>
        Root + "." + new BigInteger(uuid, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Explain(string? uid)
    {
        if (string.IsNullOrEmpty(uid)) return "it is empty";
        if (uid.Length > MaxLength) return $"it has {uid.Length} characters, more than {MaxLength}";
        foreach (var component in uid.Split('.'))
        {
            if (component.Length == 0) return "it has an empty component (two dots in a row, or a dot at an end)";
            if (!component.All(char.IsAsciiDigit)) return "components may hold only the digits 0-9";
            if (component.Length > 1 && component[0] == '0') return $"component '{component}' has a leading zero";
        }
        return null;
    }
}
