using System.Globalization;
using System.Text;

namespace Ich.Dicom.Objects;

/// <summary>
/// Writes text values for the object builders, checked against their VR's rules (PS3.5 6.2) so a bad value fails
/// here with a clear message instead of producing a file PACS reject. Text is encoded as UTF-8; once a dataset is
/// complete, <see cref="DeclareCharacterSet"/> adds Specific Character Set ISO_IR 192 only if a value needs it.
/// </summary>
/// <remarks>
/// The builders encode text themselves rather than through <see cref="DicomDataset.Set(DicomTag, DicomVR, string)"/>
/// because sequence items are built before they are attached to their parent, when they cannot yet see the
/// character set the finished dataset will declare.
/// </remarks>
internal static class DicomValues
{
    /// <summary>Character limits per VR (PS3.5 table 6.2-1); PN limits each component group.</summary>
    private static readonly Dictionary<DicomVR, int> MaxCharacters = new()
    {
        [DicomVR.AE] = 16, [DicomVR.AS] = 4, [DicomVR.CS] = 16, [DicomVR.DA] = 8, [DicomVR.DS] = 16,
        [DicomVR.IS] = 12, [DicomVR.LO] = 64, [DicomVR.LT] = 10240, [DicomVR.PN] = 64, [DicomVR.SH] = 16,
        [DicomVR.ST] = 1024, [DicomVR.TM] = 14, [DicomVR.UI] = 64, [DicomVR.UT] = int.MaxValue - 2,
    };

    /// <summary>Sets a single text value (null or empty gives an empty, Type 2 style value).</summary>
    /// <exception cref="ArgumentException">The value breaks the VR's rules.</exception>
    public static void SetText(DicomDataset dataset, DicomTag tag, DicomVR vr, string? value, string what)
    {
        value ??= string.Empty;
        Check(vr, value, what, singleValue: true);
        dataset.SetBytes(tag, vr, Encode(vr, value));
    }

    /// <summary>Sets a multi-valued text value (values joined by '\').</summary>
    /// <exception cref="ArgumentException">A value breaks the VR's rules.</exception>
    public static void SetTexts(DicomDataset dataset, DicomTag tag, DicomVR vr, IReadOnlyList<string> values, string what)
    {
        foreach (var value in values) Check(vr, value ?? throw new ArgumentException($"{what} holds a null value.", what), what, singleValue: true);
        dataset.SetBytes(tag, vr, Encode(vr, string.Join('\\', values)));
    }

    /// <summary>Sets a text value if <paramref name="value"/> is not null (Type 3 attributes).</summary>
    public static void SetOptionalText(DicomDataset dataset, DicomTag tag, DicomVR vr, string? value, string what)
    {
        if (value is not null) SetText(dataset, tag, vr, value, what);
    }

    /// <summary>Sets a date (DA, YYYYMMDD).</summary>
    public static void SetDate(DicomDataset dataset, DicomTag tag, DateTime? value) =>
        dataset.SetBytes(tag, DicomVR.DA, Encode(DicomVR.DA, value?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? string.Empty));

    /// <summary>Sets a time (TM, HHMMSS).</summary>
    public static void SetTime(DicomDataset dataset, DicomTag tag, DateTime? value) =>
        dataset.SetBytes(tag, DicomVR.TM, Encode(DicomVR.TM, value?.ToString("HHmmss", CultureInfo.InvariantCulture) ?? string.Empty));

    /// <summary>Sets a UID after checking its syntax.</summary>
    /// <exception cref="ArgumentException">The UID is not valid.</exception>
    public static void SetUid(DicomDataset dataset, DicomTag tag, string uid, string what)
    {
        UidGenerator.Validate(uid, what);
        dataset.SetBytes(tag, DicomVR.UI, Encode(DicomVR.UI, uid));
    }

    /// <summary>Sets an empty value (a Type 2 attribute with nothing to say).</summary>
    public static void SetEmpty(DicomDataset dataset, DicomTag tag, DicomVR vr) => dataset.SetBytes(tag, vr, ReadOnlyMemory<byte>.Empty);

    /// <summary>
    /// Adds Specific Character Set (0008,0005) = ISO_IR 192 when any text value of <paramref name="dataset"/> or its
    /// sequence items holds a non-ASCII byte; ASCII-only objects keep the default repertoire, which every PACS reads.
    /// </summary>
    public static void DeclareCharacterSet(DicomDataset dataset)
    {
        if (HasNonAsciiText(dataset)) dataset.SetBytes(DicomTags.SpecificCharacterSet, DicomVR.CS, Encode(DicomVR.CS, "ISO_IR 192"));
    }

    private static bool HasNonAsciiText(DicomDataset dataset)
    {
        foreach (var element in dataset)
        {
            if (element.Items is not null)
            {
                if (element.Items.Any(HasNonAsciiText)) return true;
            }
            else if (element.VR.UsesCharacterSet && element.RawValue.Span.ContainsAnyExceptInRange((byte)0, (byte)0x7F))
            {
                return true;
            }
        }
        return false;
    }

    private static byte[] Encode(DicomVR vr, string value)
    {
        var bytes = vr.UsesCharacterSet ? Encoding.UTF8.GetBytes(value) : Encoding.ASCII.GetBytes(value);
        if (bytes.Length % 2 == 0) return bytes;
        Array.Resize(ref bytes, bytes.Length + 1);
        bytes[^1] = vr.PaddingByte;
        return bytes;
    }

    private static void Check(DicomVR vr, string value, string what, bool singleValue)
    {
        var limit = MaxCharacters.GetValueOrDefault(vr, int.MaxValue);
        if (vr == DicomVR.PN)
        {
            if (value.Split('=').Any(group => group.Length > limit))
            {
                throw new ArgumentException($"{what} is longer than the {limit} characters a person name (PN) group may hold.", what);
            }
        }
        else if (value.Length > limit)
        {
            throw new ArgumentException($"{what} has {value.Length} characters; VR {vr} allows at most {limit}.", what);
        }
        var multiLine = vr == DicomVR.ST || vr == DicomVR.LT || vr == DicomVR.UT;
        foreach (var c in value)
        {
            if (c == '\\' && singleValue && !multiLine)
            {
                throw new ArgumentException($"{what} contains '\\', which DICOM uses to separate values.", what);
            }
            if (char.IsControl(c) && !(multiLine && c is '\r' or '\n' or '\f'))
            {
                throw new ArgumentException($"{what} contains the control character U+{(int)c:X4}, which VR {vr} does not allow.", what);
            }
            if (!vr.UsesCharacterSet && c > 0x7E)
            {
                throw new ArgumentException($"{what} contains a non-ASCII character, which VR {vr} does not allow.", what);
            }
            if (vr == DicomVR.CS && !(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or '_'))
            {
                throw new ArgumentException($"{what} may hold only upper-case letters, digits, space and '_' (VR CS).", what);
            }
        }
    }
}
