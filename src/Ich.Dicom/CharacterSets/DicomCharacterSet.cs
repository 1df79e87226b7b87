using System.Text;

namespace Ich.Dicom;

/// <summary>
/// Decodes and encodes text values per Specific Character Set (0008,0005), PS3.3 C.12.1.1.2 and PS3.5 6.1.
/// Supported: the default repertoire, the ISO 8859 parts (ISO_IR 100, 101, 109, 110, 126, 127, 138, 144, 148, 203),
/// ISO_IR 13 / 166, UTF-8 (ISO_IR 192), GB18030, GBK, and ISO 2022 code extensions with escape sequences
/// (JIS X 0201/0208, KS X 1001, GB 2312, ISO 8859 G1 sets). Fallbacks, so decoding never fails: the default
/// repertoire and unknown terms decode as ISO 8859-1 (every byte maps to one character; ASCII is unchanged),
/// and bytes a decoder cannot map become U+FFFD. Encoding uses the first term; characters it cannot represent
/// become '?'.
/// </summary>
public sealed class DicomCharacterSet
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    static DicomCharacterSet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly Encoding primary;
    private readonly bool usesCodeExtensions;

    private DicomCharacterSet(IReadOnlyList<string> terms)
    {
        Terms = terms;
        primary = terms.Count == 0 ? Latin1 : EncodingForTerm(terms[0]);
        // ISO 2022 escapes are honoured when any term names an ISO 2022 set (the first may be empty = IR 6).
        usesCodeExtensions = terms.Any(t => t.StartsWith("ISO 2022", StringComparison.Ordinal));
    }

    /// <summary>The default repertoire (no Specific Character Set).</summary>
    public static DicomCharacterSet Default { get; } = new([]);

    /// <summary>UTF-8 (ISO_IR 192): what this library writes for new text with non-ASCII characters.</summary>
    public static DicomCharacterSet Utf8 { get; } = new(["ISO_IR 192"]);

    /// <summary>The defined terms this character set was built from, e.g. ["ISO_IR 100"].</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Builds the character set for the values of Specific Character Set (0008,0005).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="terms"/> is null.</exception>
    public static DicomCharacterSet FromTerms(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var cleaned = terms.Select(t => t.Trim()).ToArray();
        if (cleaned.All(t => t.Length == 0 || t is "ISO_IR 6")) return Default;
        return new DicomCharacterSet(cleaned);
    }

    /// <summary>Decodes a text value's bytes (padding is not removed here).</summary>
    public string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return string.Empty;
        if (!usesCodeExtensions || bytes.IndexOf((byte)0x1B) < 0) return primary.GetString(bytes);
        return DecodeWithEscapes(bytes);
    }

    /// <summary>Encodes text with the first term's encoding.</summary>
    public byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return primary.GetBytes(text);
    }

    /// <summary>
    /// ISO 2022: split the value at each escape sequence and decode every run with the set the escape selects
    /// (runs before the first escape use the first term's set).
    /// </summary>
    private string DecodeWithEscapes(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        var current = primary;
        var start = 0;
        while (start < bytes.Length)
        {
            var next = bytes[(start + 1)..].IndexOf((byte)0x1B);
            var end = next < 0 ? bytes.Length : start + 1 + next;
            var run = bytes[start..end];
            if (run[0] == 0x1B && TryEscape(run, out var escapeLength, out var selected, out var keepEscape))
            {
                current = selected;
                run = keepEscape ? run : run[escapeLength..];
            }
            text.Append(current.GetString(run));
            start = end;
        }
        return text.ToString();
    }

    private static bool TryEscape(ReadOnlySpan<byte> run, out int length, out Encoding encoding, out bool keepEscape)
    {
        keepEscape = false;
        length = 3;
        encoding = Latin1;
        if (run.Length < 3) return false;
        switch (run[1], run[2])
        {
            case ((byte)'(', (byte)'B'):
            case ((byte)'(', (byte)'J'):
                encoding = Latin1;
                return true;
            case ((byte)')', (byte)'I'):
                encoding = Get("shift_jis");
                return true;
            case ((byte)'$', (byte)'B'):
            case ((byte)'$', (byte)'@'):
                // The ISO-2022-JP decoder reads the escape itself.
                encoding = Get("iso-2022-jp");
                keepEscape = true;
                return true;
            case ((byte)'-', var final):
                encoding = final switch
                {
                    (byte)'A' => Latin1,
                    (byte)'B' => Get("iso-8859-2"),
                    (byte)'C' => Get("iso-8859-3"),
                    (byte)'D' => Get("iso-8859-4"),
                    (byte)'L' => Get("iso-8859-5"),
                    (byte)'G' => Get("iso-8859-6"),
                    (byte)'F' => Get("iso-8859-7"),
                    (byte)'H' => Get("iso-8859-8"),
                    (byte)'M' => Get("iso-8859-9"),
                    (byte)'T' => Get("windows-874"),
                    (byte)'b' => Get("iso-8859-15"),
                    _ => Latin1,
                };
                return true;
            case ((byte)'$', (byte)')') when run.Length >= 4:
                length = 4;
                encoding = run[3] switch
                {
                    (byte)'C' => Get("ks_c_5601-1987"),
                    (byte)'A' => Get("gb2312"),
                    _ => Latin1,
                };
                return true;
            default:
                return false;
        }
    }

    private static Encoding EncodingForTerm(string term) => term.Replace("ISO 2022 ", "ISO_", StringComparison.Ordinal) switch
    {
        "" or "ISO_IR 6" or "ISO_IR 100" => Latin1,
        "ISO_IR 101" => Get("iso-8859-2"),
        "ISO_IR 109" => Get("iso-8859-3"),
        "ISO_IR 110" => Get("iso-8859-4"),
        "ISO_IR 144" => Get("iso-8859-5"),
        "ISO_IR 127" => Get("iso-8859-6"),
        "ISO_IR 126" => Get("iso-8859-7"),
        "ISO_IR 138" => Get("iso-8859-8"),
        "ISO_IR 148" => Get("iso-8859-9"),
        "ISO_IR 203" => Get("iso-8859-15"),
        "ISO_IR 13" => Get("shift_jis"),
        "ISO_IR 166" => Get("windows-874"),
        "ISO_IR 192" => Encoding.UTF8,
        "GB18030" => Get("GB18030"),
        "GBK" => Get("gbk"),
        "ISO_IR 87" or "ISO_IR 159" => Get("iso-2022-jp"),
        "ISO_IR 149" => Get("ks_c_5601-1987"),
        "ISO_IR 58" => Get("gb2312"),
        _ => Latin1,
    };

    private static Encoding Get(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return Latin1; // Documented fallback: a platform without the code page still decodes every byte.
        }
    }

    /// <summary>The terms joined as they appear in the file.</summary>
    public override string ToString() => string.Join('\\', Terms);
}
