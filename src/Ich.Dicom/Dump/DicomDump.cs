using System.Globalization;
using System.Text;

namespace Ich.Dicom;

/// <summary>
/// A dcmdump-like text listing of a dataset for debugging: one line per element, sequence items indented.
/// Values that identify the patient (see <see cref="DicomPrivacy"/>) print as "&lt;hidden&gt;" unless
/// <c>showIdentifying</c> is true. Long values are cut at 64 characters; binary values show only their size.
/// </summary>
public static class DicomDump
{
    private const int MaxValueLength = 64;

    /// <summary>Lists <paramref name="dataset"/>, one line per element.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    public static string Format(DicomDataset dataset, bool showIdentifying = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var text = new StringBuilder();
        Append(text, dataset, showIdentifying, indent: 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, DicomDataset dataset, bool showIdentifying, int indent)
    {
        var pad = new string(' ', indent * 2);
        foreach (var element in dataset)
        {
            var name = DicomDictionary.GetName(element.Tag);
            if (element.Items is { } items)
            {
                text.Append(CultureInfo.InvariantCulture, $"{pad}{element.Tag} SQ ({items.Count} items)  # {name}\n");
                for (var i = 0; i < items.Count; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{pad}  item {i + 1}\n");
                    Append(text, items[i], showIdentifying, indent + 2);
                }
                continue;
            }
            if (element.Fragments is { } fragments)
            {
                var bytes = fragments.Fragments.Sum(f => (long)f.Length);
                text.Append(CultureInfo.InvariantCulture, $"{pad}{element.Tag} {element.VR} (encapsulated: {fragments.Fragments.Count} fragments, {bytes} bytes, offset table {fragments.BasicOffsetTable.Length / 4} entries)  # {name}\n");
                continue;
            }
            var value = DicomPrivacy.IsIdentifying(element.Tag, element.VR) && !showIdentifying ? "<hidden>" : Value(dataset, element);
            text.Append(CultureInfo.InvariantCulture, $"{pad}{element.Tag} {element.VR} {value}  # {element.RawValue.Length}, {name}\n");
        }
    }

    private static string Value(DicomDataset dataset, DicomElement element)
    {
        var vr = DicomDataset.EffectiveVR(element);
        if (!vr.IsText && element.RawValue.Length > 8 * 16) return $"({element.RawValue.Length} bytes)";
        try
        {
            var value = vr.IsText || vr == DicomVR.AT || vr.ByteSwapSize > 1
                ? dataset.GetString(element.Tag) ?? string.Empty
                : Convert.ToHexString(element.RawValue.Span);
            value = value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            return value.Length > MaxValueLength ? $"[{value[..MaxValueLength]}…]" : $"[{value}]";
        }
        catch (DicomValueException)
        {
            return $"(unreadable {element.VR} value, {element.RawValue.Length} bytes)";
        }
    }
}
