
namespace Ich.Phantoms.Labels;

/// <summary>
/// Reads slice labels in the RSNA 2019 challenge format: a header <c>ID,Label</c>, then one row
/// <c>ID_&lt;id&gt;_&lt;subtype&gt;,&lt;0|1&gt;</c> per slice and label name
/// (<see cref="HemorrhageSubtypes.RsnaLabelNames"/>: the five subtypes, then <c>any</c>). Two forms of the id:
/// <list type="bullet">
/// <item>the challenge's own: its SOP Instance UIDs are <c>ID_&lt;hex&gt;</c>, and the row is
/// <c>ID_&lt;hex&gt;_epidural</c> (no second <c>ID_</c>); the key is the SOP Instance UID <c>ID_&lt;hex&gt;</c>;</item>
/// <item>the phantom cohort's: a dotted DICOM UID, <c>ID_1.2.826…_epidural</c>; the key is the UID <c>1.2.826…</c>.</item>
/// </list>
/// An id with a dot is a dotted UID, any other is the challenge form (challenge ids are hex, real UIDs always have
/// dots). Either way the result is keyed by the SOP Instance UID as the DICOM file states it. Exact duplicate rows
/// (the challenge file has some) are accepted and counted; the same label with a different value is an error.
/// </summary>
public static class RsnaLabelFile
{
    /// <summary>The header line.</summary>
    public const string Header = "ID,Label";

    /// <summary>Reads <paramref name="path"/> into SOP Instance UID → labels.</summary>
    /// <exception cref="FormatException">A row is malformed, names an unknown label, contradicts an earlier row, or a
    /// slice lacks one of the six labels.</exception>
    public static RsnaLabels Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Reads label rows from <paramref name="reader"/>; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="FormatException">A row is malformed, names an unknown label, contradicts an earlier row, or a
    /// slice lacks one of the six labels.</exception>
    public static RsnaLabels Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadLine()?.TrimEnd('\r') != Header) throw new FormatException($"{sourceName}: the first line must be '{Header}'.");
        var labels = new Dictionary<string, (byte Mask, byte Seen)>(StringComparer.Ordinal);
        var duplicates = 0;
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (line.Length == 0) continue;
            var (uid, labelIndex, positive) = ParseRow(line, sourceName, lineNumber);
            var entry = labels.GetValueOrDefault(uid);
            var bit = (byte)(1 << labelIndex);
            if ((entry.Seen & bit) != 0)
            {
                if (((entry.Mask & bit) != 0) != positive)
                {
                    throw new FormatException($"{sourceName}:{lineNumber}: '{line}' contradicts an earlier row for the same slice and label.");
                }

                duplicates++;
                continue;
            }

            labels[uid] = ((byte)(entry.Mask | (positive ? bit : 0)), (byte)(entry.Seen | bit));
        }

        const byte allSix = 0b11_1111;
        var incomplete = labels.FirstOrDefault(kv => kv.Value.Seen != allSix);
        if (incomplete.Key is not null)
            throw new FormatException($"{sourceName}: slice {incomplete.Key} does not have all six labels.");
        return new RsnaLabels(labels.ToDictionary(kv => kv.Key, kv => new SliceLabelSet(kv.Value.Mask), StringComparer.Ordinal), duplicates);
    }

    private static (string Uid, int LabelIndex, bool Positive) ParseRow(string line, string sourceName, int lineNumber)
    {
        var comma = line.LastIndexOf(',');
        var underscore = comma < 0 ? -1 : line.LastIndexOf('_', comma);
        if (!line.StartsWith("ID_", StringComparison.Ordinal) || comma < 0 || underscore <= 3)
            throw new FormatException($"{sourceName}:{lineNumber}: expected 'ID_<SOPInstanceUID>_<label>,<0|1>'.");
        var labelIndex = IndexOf(HemorrhageSubtypes.RsnaLabelNames, line[(underscore + 1)..comma]);
        if (labelIndex < 0) throw new FormatException($"{sourceName}:{lineNumber}: unknown label '{line[(underscore + 1)..comma]}'.");
        var value = line[(comma + 1)..].Trim();
        if (value is not ("0" or "1")) throw new FormatException($"{sourceName}:{lineNumber}: the label value must be 0 or 1.");
        var id = line[3..underscore];
        return (id.Contains('.', StringComparison.Ordinal) ? id : line[..underscore], labelIndex, value == "1");
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}

/// <summary>The six RSNA labels of one slice, as a bit mask in <see cref="HemorrhageSubtypes.RsnaLabelNames"/> order.</summary>
/// <param name="Mask">Bit <c>i</c> set when label <c>i</c> is positive; bit 5 is <c>any</c>.</param>
public readonly record struct SliceLabelSet(byte Mask)
{
    /// <summary>True when the slice shows any hemorrhage.</summary>
    public bool Any => (Mask & (1 << HemorrhageSubtypes.Count)) != 0;

    /// <summary>The subtype bits alone (bit i = <see cref="HemorrhageSubtypes.All"/>[i]), without <c>any</c>.</summary>
    public byte Subtypes => (byte)(Mask & ((1 << HemorrhageSubtypes.Count) - 1));

    /// <summary>The RSNA names of the subtypes the slice shows.</summary>
    public IReadOnlySet<string> PositiveSubtypeNames() => HemorrhageSubtypes.All.Where(Has).Select(s => s.RsnaName()).ToHashSet();

    /// <summary>True when the slice shows <paramref name="subtype"/>.</summary>
    public bool Has(HemorrhageSubtype subtype) => (Mask & subtype.Bit()) != 0;

    /// <inheritdoc />
    public override string ToString() => Any
        ? string.Join('+', HemorrhageSubtypes.All.Where(Has).Select(s => s.RsnaName()))
        : "none";
}
