using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace Ich.Phantoms.Insertion.Backgrounds;

/// <summary>
/// Reads an InVesalius 3 project (<c>.inv3</c>: a gzip'd tar holding <c>main.plist</c>, which names the raw volume file
/// with its shape [slices, rows, columns], dtype and spacing [x, y, z], and the raw volume in HU). InVesalius stores rows
/// bottom-up, so rows are flipped here to put anterior at the top. Debian's <c>invesalius-examples</c> ships one
/// (<c>Cranium.inv3</c>, GPL-2): the one openly licensed real head CT available on this machine.
/// </summary>
public static class InvesaliusProjectReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">Not an InVesalius project, or one this reader does not understand.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static HeadVolume Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist.", path);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                using var buffer = new MemoryStream();
                entry.DataStream.CopyTo(buffer);
                entries[Path.GetFileName(entry.Name)] = buffer.ToArray();
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a gzip'd tar InVesalius project: {e.Message}", e);
        }

        if (!entries.TryGetValue("main.plist", out var plistBytes))
            throw new InvalidDataException($"{Path.GetFileName(path)} holds no main.plist.");
        var plist = ParsePlist(plistBytes);
        if (plist.GetValueOrDefault("matrix") is not Dictionary<string, object> matrix)
            throw new InvalidDataException("main.plist names no volume ('matrix').");
        var file = matrix.GetValueOrDefault("filename") as string ?? throw new InvalidDataException("main.plist: the volume has no file name.");
        var dtype = matrix.GetValueOrDefault("dtype") as string;
        if (dtype is not "int16") throw new InvalidDataException($"main.plist: volume dtype '{dtype}' is not int16.");
        if (matrix.GetValueOrDefault("shape") is not List<object> { Count: 3 } shape)
            throw new InvalidDataException("main.plist: the volume shape is not [slices, rows, columns].");
        if (plist.GetValueOrDefault("spacing") is not List<object> { Count: 3 } spacing)
            throw new InvalidDataException("main.plist: no spacing [x, y, z].");
        int depth = Convert.ToInt32(shape[0], CultureInfo.InvariantCulture), height = Convert.ToInt32(shape[1], CultureInfo.InvariantCulture),
            width = Convert.ToInt32(shape[2], CultureInfo.InvariantCulture);
        var sx = Convert.ToSingle(spacing[0], CultureInfo.InvariantCulture);
        var sz = Convert.ToSingle(spacing[2], CultureInfo.InvariantCulture);
        if (!entries.TryGetValue(file, out var raw)) throw new InvalidDataException($"The project lacks its volume file '{file}'.");
        if (raw.LongLength != 2L * width * height * depth)
            throw new InvalidDataException($"'{file}' holds {raw.Length} bytes, not {depth}×{height}×{width} int16.");

        var hu = new short[width * height * depth];
        for (var z = 0; z < depth; z++)
        for (var r = 0; r < height; r++)
        {
            // Bottom-up storage: the file's row r is image row height-1-r.
            var source = raw.AsSpan(2 * ((z * height + r) * width), 2 * width);
            var target = hu.AsSpan((z * height + (height - 1 - r)) * width, width);
            for (var c = 0; c < width; c++) target[c] = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(source[(2 * c)..]);
        }
        var name = plist.GetValueOrDefault("name") as string;
        var identity = $"invesalius:{Path.GetFileName(path)}" + (string.IsNullOrWhiteSpace(name) ? string.Empty : $" ({name})");
        return new HeadVolume(identity, width, height, depth, sx, sz, hu);
    }

    private static Dictionary<string, object> ParsePlist(byte[] bytes)
    {
        // DTD processing off: the plist names Apple's DTD by URL, and nothing may be fetched.
        using var stream = new MemoryStream(bytes);
        using var reader = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Ignore, XmlResolver = null });
        var root = XDocument.Load(reader).Root?.Elements().FirstOrDefault() ?? throw new InvalidDataException("main.plist is empty.");
        return ParseValue(root) as Dictionary<string, object> ?? throw new InvalidDataException("main.plist's top element is not a dict.");
    }

    private static object ParseValue(XElement e) => e.Name.LocalName switch
    {
        "dict" => ParseDict(e),
        "array" => e.Elements().Select(ParseValue).ToList(),
        "integer" => long.Parse(e.Value, CultureInfo.InvariantCulture),
        "real" => double.Parse(e.Value, CultureInfo.InvariantCulture),
        "true" => true,
        "false" => false,
        _ => e.Value,
    };

    private static Dictionary<string, object> ParseDict(XElement e)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        var items = e.Elements().ToList();
        for (var i = 0; i + 1 < items.Count; i += 2) result[items[i].Value] = ParseValue(items[i + 1]);
        return result;
    }
}
