namespace Ich.Dicom;

/// <summary>
/// A value representation (PS3.5 6.2): the two-letter code that says how an element's value is encoded.
/// Codes not defined by the standard are kept as they were read; PS3.5 6.2.2 says to treat them like UN
/// (4-byte length in explicit VR), which <see cref="HasLongLength"/> reports.
/// </summary>
public readonly record struct DicomVR
{
    private readonly ushort code;

    private DicomVR(char first, char second) => code = (ushort)((first << 8) | second);

    /// <summary>The two-letter code, e.g. "US".</summary>
    public string Code => new([(char)(code >> 8), (char)(code & 0xFF)]);

    /// <summary>True if the code is one the standard defines.</summary>
    public bool IsKnown => Array.IndexOf(AllKnown, this) >= 0;

    /// <summary>
    /// True if explicit VR encodes this VR with 2 reserved bytes and a 4-byte length (OB, OD, OF, OL, OV, OW, SQ,
    /// SV, UC, UN, UR, UT, UV, and every VR the standard does not define).
    /// </summary>
    public bool HasLongLength => !IsKnown || Array.IndexOf(LongLengthVRs, this) >= 0;

    /// <summary>True for VRs whose value is text (AE … UT); their padding byte is a space, except UI (NUL).</summary>
    public bool IsText => Array.IndexOf(TextVRs, this) >= 0;

    /// <summary>True for text VRs whose bytes are decoded with the Specific Character Set (SH, LO, ST, LT, PN, UC, UT).</summary>
    public bool UsesCharacterSet => this == SH || this == LO || this == ST || this == LT || this == PN || this == UC || this == UT;

    /// <summary>True for text VRs that hold one value that may contain a backslash (ST, LT, UT, UR).</summary>
    public bool IsSingleValuedText => this == ST || this == LT || this == UT || this == UR;

    /// <summary>
    /// The size of one binary number for byte swapping (2 for US/SS/OW/AT, 4 for UL/SL/FL/OF/OL, 8 for FD/OD/SV/UV/OV);
    /// 1 for everything that is never swapped (text, OB, UN, SQ).
    /// </summary>
    public int ByteSwapSize =>
        this == US || this == SS || this == OW || this == AT ? 2
        : this == UL || this == SL || this == FL || this == OF || this == OL ? 4
        : this == FD || this == OD || this == SV || this == UV || this == OV ? 8
        : 1;

    /// <summary>The byte used to pad odd-length values to even length: space for text, NUL for UI and binary.</summary>
    public byte PaddingByte => IsText && this != UI ? (byte)' ' : (byte)0;

#pragma warning disable CS1591 // The field names are the VR codes of PS3.5 table 6.2-1.
    public static readonly DicomVR AE = new('A', 'E');
    public static readonly DicomVR AS = new('A', 'S');
    public static readonly DicomVR AT = new('A', 'T');
    public static readonly DicomVR CS = new('C', 'S');
    public static readonly DicomVR DA = new('D', 'A');
    public static readonly DicomVR DS = new('D', 'S');
    public static readonly DicomVR DT = new('D', 'T');
    public static readonly DicomVR FL = new('F', 'L');
    public static readonly DicomVR FD = new('F', 'D');
    public static readonly DicomVR IS = new('I', 'S');
    public static readonly DicomVR LO = new('L', 'O');
    public static readonly DicomVR LT = new('L', 'T');
    public static readonly DicomVR OB = new('O', 'B');
    public static readonly DicomVR OD = new('O', 'D');
    public static readonly DicomVR OF = new('O', 'F');
    public static readonly DicomVR OL = new('O', 'L');
    public static readonly DicomVR OV = new('O', 'V');
    public static readonly DicomVR OW = new('O', 'W');
    public static readonly DicomVR PN = new('P', 'N');
    public static readonly DicomVR SH = new('S', 'H');
    public static readonly DicomVR SL = new('S', 'L');
    public static readonly DicomVR SQ = new('S', 'Q');
    public static readonly DicomVR SS = new('S', 'S');
    public static readonly DicomVR ST = new('S', 'T');
    public static readonly DicomVR SV = new('S', 'V');
    public static readonly DicomVR TM = new('T', 'M');
    public static readonly DicomVR UC = new('U', 'C');
    public static readonly DicomVR UI = new('U', 'I');
    public static readonly DicomVR UL = new('U', 'L');
    public static readonly DicomVR UN = new('U', 'N');
    public static readonly DicomVR UR = new('U', 'R');
    public static readonly DicomVR US = new('U', 'S');
    public static readonly DicomVR UT = new('U', 'T');
    public static readonly DicomVR UV = new('U', 'V');
#pragma warning restore CS1591

    private static readonly DicomVR[] AllKnown =
        [AE, AS, AT, CS, DA, DS, DT, FL, FD, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI, UL, UN, UR, US, UT, UV];

    private static readonly DicomVR[] LongLengthVRs = [OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV];

    private static readonly DicomVR[] TextVRs = [AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT];

    /// <summary>Every VR the standard defines.</summary>
    public static IReadOnlyList<DicomVR> All => AllKnown;

    /// <summary>
    /// Reads a VR from its two bytes as they appear in an explicit VR header. Any two uppercase ASCII letters are
    /// accepted (an unknown VR is kept, per PS3.5 6.2.2); anything else returns false.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out DicomVR vr)
    {
        vr = default;
        if (bytes.Length < 2 || !IsUpperLetter(bytes[0]) || !IsUpperLetter(bytes[1])) return false;
        vr = new DicomVR((char)bytes[0], (char)bytes[1]);
        return true;
    }

    /// <summary>Parses a two-letter VR code such as "US".</summary>
    /// <exception cref="FormatException">The text is not two uppercase letters.</exception>
    public static DicomVR Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 2 || !IsUpperLetter(code[0]) || !IsUpperLetter(code[1]))
        {
            throw new FormatException($"'{code}' is not a value representation; expected two uppercase letters such as US.");
        }
        return new DicomVR(code[0], code[1]);
    }

    /// <summary>Writes the two code bytes into <paramref name="destination"/>.</summary>
    internal void WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)(code >> 8);
        destination[1] = (byte)code;
    }

    private static bool IsUpperLetter(int c) => c is >= 'A' and <= 'Z';

    /// <summary>The two-letter code.</summary>
    public override string ToString() => code == 0 ? "??" : Code;
}
