using System.Globalization;
using System.Reflection;

namespace Ich.Dicom;

/// <summary>
/// The DICOM data dictionary: tag → VR, multiplicity, keyword and name. Used to give elements of implicit VR
/// files their VR and to name elements in dumps. Generated from pydicom's copy of PS3.6 (see
/// Dictionary/generate_dictionary.py) and loaded once from an embedded resource.
/// </summary>
public static class DicomDictionary
{
    private const string ResourceName = "Ich.Dicom.Dictionary.dicom-dictionary.tsv";
    private static readonly Lazy<Tables> Loaded = new(Load);

    /// <summary>Finds the entry for <paramref name="tag"/>: exact tags, then repeating groups (50xx, 60xx, …),
    /// then group lengths (gggg,0000) and private creators (odd gggg, 0010–00FF).</summary>
    public static bool TryGet(DicomTag tag, out DicomDictionaryEntry entry)
    {
        var tables = Loaded.Value;
        if (tables.ByTag.TryGetValue(tag.Value, out entry!)) return true;
        foreach (var (mask, pattern, repeating) in tables.Repeating)
        {
            if ((tag.Value & mask) == pattern)
            {
                entry = repeating with { Tag = tag };
                return true;
            }
        }
        if (tag.IsGroupLength)
        {
            entry = new DicomDictionaryEntry(tag, [DicomVR.UL], "1", "GroupLength", "Group Length", false);
            return true;
        }
        if (tag.IsPrivateCreator)
        {
            entry = new DicomDictionaryEntry(tag, [DicomVR.LO], "1", "PrivateCreator", "Private Creator", false);
            return true;
        }
        entry = null!;
        return false;
    }

    /// <summary>The usual VR of <paramref name="tag"/>, or UN for tags the dictionary does not know (private tags).</summary>
    public static DicomVR GetVR(DicomTag tag) => TryGet(tag, out var entry) ? entry.VR : DicomVR.UN;

    /// <summary>The name of <paramref name="tag"/>, "Private Tag" for unknown private tags, or "Unknown Tag".</summary>
    public static string GetName(DicomTag tag) =>
        TryGet(tag, out var entry) && entry.Name.Length > 0 ? entry.Name
        : tag.IsPrivate ? "Private Tag"
        : "Unknown Tag";

    /// <summary>Finds a tag by its keyword, e.g. "PixelSpacing" (exact tags only, not repeating groups).</summary>
    public static bool TryGetTag(string keyword, out DicomTag tag)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return Loaded.Value.ByKeyword.TryGetValue(keyword, out tag);
    }

    private sealed record Tables(
        Dictionary<uint, DicomDictionaryEntry> ByTag,
        Dictionary<string, DicomTag> ByKeyword,
        List<(uint Mask, uint Pattern, DicomDictionaryEntry Entry)> Repeating);

    private static Tables Load()
    {
        using var stream = typeof(DicomDictionary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(DicomDictionary).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var byTag = new Dictionary<uint, DicomDictionaryEntry>(5000);
        var byKeyword = new Dictionary<string, DicomTag>(5000, StringComparer.Ordinal);
        var repeating = new List<(uint, uint, DicomDictionaryEntry)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var columns = line.Split('\t');
            var tagText = columns[0];
            // Item tags (FFFE,E000 …) have no VR ("NONE"); the reader handles them structurally.
            if (columns[1] == "NONE") continue;
            DicomVR[] vrs = [.. columns[1].Split('/').Select(DicomVR.Parse)];
            var isRetired = columns.Length > 5 && columns[5] == "R";
            if (tagText.Contains('x', StringComparison.Ordinal))
            {
                var mask = uint.Parse(string.Concat(tagText.Select(c => c == 'x' ? '0' : 'F')), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                var pattern = uint.Parse(tagText.Replace('x', '0'), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                repeating.Add((mask, pattern, new DicomDictionaryEntry(DicomTag.FromValue(pattern), vrs, columns[2], columns[3], columns[4], isRetired)));
                continue;
            }
            var tag = DicomTag.FromValue(uint.Parse(tagText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
            byTag[tag.Value] = new DicomDictionaryEntry(tag, vrs, columns[2], columns[3], columns[4], isRetired);
            if (columns[3].Length > 0) byKeyword.TryAdd(columns[3], tag);
        }
        return new Tables(byTag, byKeyword, repeating);
    }
}
