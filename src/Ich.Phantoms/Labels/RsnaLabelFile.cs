
namespace Ich.Phantoms.Labels;

/// <summary>
/// Reads slice labels in the RSNA 2019 challenge format: a header <c>ID,Label</c>, then one row
/// <c>ID_&lt;SOPInstanceUID&gt;_&lt;subtype&gt;,&lt;0|1&gt;</c> per slice and label name
/// (<see cref="HemorrhageSubtypes.RsnaLabelNames"/>: the five subtypes, then <c>any</c>).
/// </summary>
public static class RsnaLabelFile
{
    /// <summary>Reads <paramref name="path"/> into SOP Instance UID → labels.</summary>
    /// <exception cref="FormatException">A row is malformed, names an unknown label, or a slice lacks one of the six labels.</exception>
    public static IReadOnlyDictionary<string, SliceLabelSet> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Reads label rows from <paramref name="reader"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static IReadOnlyDictionary<string, SliceLabelSet> Read(TextReader reader, string sourceName)
    {
        if (reader.ReadLine() is not "ID,Label") throw new FormatException($"{sourceName}: the first line must be 'ID,Label'.");
        var labels = new Dictionary<string, (byte Mask, byte Seen)>(StringComparer.Ordinal);
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var (uid, labelIndex, positive) = ParseRow(line, sourceName, lineNumber);
            var entry = labels.GetValueOrDefault(uid);
            var bit = (byte)(1 << labelIndex);
            if ((entry.Seen & bit) != 0) throw new FormatException($"{sourceName}:{lineNumber}: label repeated for one slice.");
            labels[uid] = ((byte)(entry.Mask | (positive ? bit : 0)), (byte)(entry.Seen | bit));
        }

        const byte allSix = 0b11_1111;
        var incomplete = labels.FirstOrDefault(kv => kv.Value.Seen != allSix);
        if (incomplete.Key is not null)
            throw new FormatException($"{sourceName}: slice {incomplete.Key} does not have all six labels.");
        return labels.ToDictionary(kv => kv.Key, kv => new SliceLabelSet(kv.Value.Mask), StringComparer.Ordinal);
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
        return (line[3..underscore], labelIndex, value == "1");
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

    /// <summary>True when the slice shows <paramref name="subtype"/>.</summary>
    public bool Has(HemorrhageSubtype subtype) => (Mask & subtype.Bit()) != 0;

    /// <inheritdoc />
    public override string ToString() => Any
        ? string.Join('+', HemorrhageSubtypes.All.Where(Has).Select(s => s.RsnaName()))
        : "none";
}
