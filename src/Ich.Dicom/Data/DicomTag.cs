using System.Globalization;

namespace Ich.Dicom;

/// <summary>A DICOM attribute tag: a (group, element) pair, ordered as DICOM orders them (group first).</summary>
/// <param name="Group">The group number, e.g. 0x0028 for image pixel attributes.</param>
/// <param name="Element">The element number within the group.</param>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    /// <summary>The tag as one 32-bit number (group in the high half), e.g. 0x00280010.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>True for tags of odd groups (private data elements, including private creators).</summary>
    public bool IsPrivate => (Group & 1) == 1;

    /// <summary>True for private creator elements: odd group, element 0x0010–0x00FF.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>True for group length elements (gggg,0000).</summary>
    public bool IsGroupLength => Element == 0;

    /// <summary>Builds a tag from its 32-bit form (group in the high half).</summary>
    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)value);

    /// <summary>Parses "(0028,0010)", "0028,0010" or "00280010" (hexadecimal).</summary>
    /// <exception cref="FormatException">The text is not a tag.</exception>
    public static DicomTag Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hex = text.Trim().Trim('(', ')').Replace(",", string.Empty, StringComparison.Ordinal);
        if (hex.Length != 8 || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{text}' is not a DICOM tag; expected the form (gggg,eeee) in hexadecimal.");
        }
        return FromValue(value);
    }

    /// <inheritdoc />
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>Orders tags by group, then element.</summary>
    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    /// <summary>Orders tags by group, then element.</summary>
    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    /// <summary>Orders tags by group, then element.</summary>
    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    /// <summary>Orders tags by group, then element.</summary>
    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;

    /// <summary>The tag as DICOM prints it, e.g. "(0028,0010)".</summary>
    public override string ToString() => $"({Group:X4},{Element:X4})";
}
