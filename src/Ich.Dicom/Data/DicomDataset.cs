using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Text;

namespace Ich.Dicom;

/// <summary>
/// A DICOM dataset: data elements ordered by tag, with typed getters (text decoded with the Specific Character Set,
/// numbers from text or binary VRs) and setters for building datasets. Sequence items know their parent, so they
/// inherit its character set as PS3.5 7.5.3 says.
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomElement>
{
    private readonly List<DicomElement> elements = [];
    private DicomCharacterSet? characterSet;

    /// <summary>Creates an empty dataset.</summary>
    public DicomDataset()
    {
    }

    /// <summary>Creates a dataset holding <paramref name="elements"/> (later duplicates replace earlier ones).</summary>
    public DicomDataset(IEnumerable<DicomElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        foreach (var element in elements) Set(element);
    }

    /// <summary>The number of elements at this level (items of sequences are not counted).</summary>
    public int Count => elements.Count;

    /// <summary>The dataset this one is an item of, or null at the top level.</summary>
    public DicomDataset? Parent { get; internal set; }

    /// <summary>
    /// The character set for text values: this dataset's Specific Character Set (0008,0005), else the parent's,
    /// else the default repertoire.
    /// </summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            if (characterSet is not null) return characterSet;
            if (TryGet(DicomTags.SpecificCharacterSet, out var element))
            {
                // Multi-valued: the first value may be empty (= default repertoire); keep it as a term.
                var text = Encoding.Latin1.GetString(element.RawValue.Span).TrimEnd(' ', '\0');
                return characterSet = DicomCharacterSet.FromTerms(text.Split('\\'));
            }
            return Parent?.CharacterSet ?? DicomCharacterSet.Default;
        }
    }

    /// <summary>True if an element with <paramref name="tag"/> is present.</summary>
    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>Gets the element with <paramref name="tag"/>.</summary>
    public bool TryGet(DicomTag tag, out DicomElement element)
    {
        var index = IndexOf(tag);
        element = index >= 0 ? elements[index] : null!;
        return index >= 0;
    }

    /// <summary>The element with <paramref name="tag"/>, or null.</summary>
    public DicomElement? GetElement(DicomTag tag) => TryGet(tag, out var element) ? element : null;

    /// <summary>
    /// The value as text: decoded with the character set (SH, LO, ST, LT, PN, UC, UT) or as ASCII, trailing spaces
    /// and NULs removed; multiple values stay joined by '\'. Binary numbers are formatted (invariant culture) and
    /// joined by '\'. Null if the element is absent.
    /// </summary>
    /// <exception cref="DicomValueException">The element is a sequence or bulk binary data (OB, OW, UN…).</exception>
    public string? GetString(DicomTag tag)
    {
        if (!TryGet(tag, out var element)) return null;
        var vr = EffectiveVR(element);
        if (vr.IsText) return DecodeText(element, vr).TrimEnd(' ', '\0');
        if (IsBinaryNumber(vr)) return string.Join('\\', ReadBinaryNumbers(element, vr).Select(v => v.ToString(CultureInfo.InvariantCulture)));
        if (vr == DicomVR.AT) return string.Join('\\', ReadTags(element));
        throw new DicomValueException(tag, $"VR {vr} holds {(element.IsSequence ? "a sequence" : "binary data")}, not text.");
    }

    /// <summary>
    /// The values of a multi-valued element, split on '\' (except ST, LT, UT, UR, which hold one value), each with
    /// surrounding padding removed. Empty if the element is absent or empty.
    /// </summary>
    /// <exception cref="DicomValueException">The element is a sequence or bulk binary data.</exception>
    public string[] GetStrings(DicomTag tag)
    {
        if (!TryGet(tag, out var element) || (element.RawValue.IsEmpty && !element.IsSequence && !element.IsEncapsulated)) return [];
        var vr = EffectiveVR(element);
        if (!vr.IsText)
        {
            var joined = GetString(tag)!;
            return joined.Length == 0 ? [] : joined.Split('\\');
        }
        var text = DecodeText(element, vr);
        if (vr.IsSingleValuedText) return [text.TrimEnd(' ', '\0')];
        var values = text.Split('\\');
        for (var i = 0; i < values.Length; i++) values[i] = values[i].Trim(' ', '\0');
        return values;
    }

    /// <summary>The first numeric value (DS, IS, FL, FD, US, SS, UL, SL, SV, UV), or null if absent or empty.</summary>
    /// <exception cref="DicomValueException">The value is not a number.</exception>
    public double? GetDouble(DicomTag tag)
    {
        var values = GetDoubles(tag);
        return values.Length > 0 ? values[0] : null;
    }

    /// <summary>All numeric values (DS, IS, FL, FD, US, SS, UL, SL, SV, UV); empty if absent or empty.</summary>
    /// <exception cref="DicomValueException">A value is not a number, or the VR is not numeric.</exception>
    public double[] GetDoubles(DicomTag tag)
    {
        if (!TryGet(tag, out var element)) return [];
        var vr = EffectiveVR(element);
        if (IsBinaryNumber(vr)) return ReadBinaryNumbers(element, vr);
        if (vr != DicomVR.DS && vr != DicomVR.IS)
        {
            throw new DicomValueException(tag, $"VR {vr} is not numeric.");
        }
        var texts = GetStrings(tag);
        if (texts.Length == 1 && texts[0].Length == 0) return [];
        var values = new double[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            if (!double.TryParse(texts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new DicomValueException(tag, $"value {i + 1} of {texts.Length} is not a valid {vr} number.");
            }
        }
        return values;
    }

    /// <summary>The first value as an integer, or null if absent or empty.</summary>
    /// <exception cref="DicomValueException">The value is not an integer or does not fit in 32 bits.</exception>
    public int? GetInt32(DicomTag tag)
    {
        var values = GetInt32s(tag);
        return values.Length > 0 ? values[0] : null;
    }

    /// <summary>All values as integers; empty if absent or empty.</summary>
    /// <exception cref="DicomValueException">A value is not an integer or does not fit in 32 bits.</exception>
    public int[] GetInt32s(DicomTag tag)
    {
        var doubles = GetDoubles(tag);
        var values = new int[doubles.Length];
        for (var i = 0; i < doubles.Length; i++)
        {
            var d = doubles[i];
            if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
            {
                throw new DicomValueException(tag, $"value {i + 1} of {doubles.Length} is not a 32-bit integer.");
            }
            values[i] = (int)d;
        }
        return values;
    }

    /// <summary>The items of a sequence; empty if the element is absent.</summary>
    /// <exception cref="DicomValueException">The element is not a sequence.</exception>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag)
    {
        if (!TryGet(tag, out var element)) return [];
        return element.Items ?? throw new DicomValueException(tag, $"VR {element.VR} is not a sequence.");
    }

    /// <summary>Adds or replaces an element.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="element"/> is null.</exception>
    public void Set(DicomElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.Tag == DicomTags.SpecificCharacterSet) characterSet = null;
        if (element.Items is not null)
        {
            foreach (var item in element.Items) item.Parent = this;
        }
        // Readers add elements in ascending order: appending is the common, O(1) case.
        if (elements.Count == 0 || elements[^1].Tag < element.Tag)
        {
            elements.Add(element);
            return;
        }
        var index = IndexOf(element.Tag);
        if (index >= 0) elements[index] = element;
        else elements.Insert(~index, element);
    }

    /// <summary>Sets a text value, encoded with this dataset's character set and padded to even length.</summary>
    /// <exception cref="ArgumentException"><paramref name="vr"/> is not a text VR.</exception>
    public void Set(DicomTag tag, DicomVR vr, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!vr.IsText) throw new ArgumentException($"VR {vr} is not a text VR; use SetNumbers or SetBytes for {tag}.", nameof(vr));
        var bytes = vr.UsesCharacterSet ? CharacterSet.Encode(value) : Encoding.Latin1.GetBytes(value);
        Set(new DicomElement(tag, vr, PadToEven(bytes, vr.PaddingByte)));
    }

    /// <summary>Sets a multi-valued text value (values joined by '\').</summary>
    /// <exception cref="ArgumentException"><paramref name="vr"/> is not a text VR, or a value contains '\'.</exception>
    public void Set(DicomTag tag, DicomVR vr, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Any(v => v.Contains('\\', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"A value for {tag} contains '\\', the value separator.", nameof(values));
        }
        Set(tag, vr, string.Join('\\', values));
    }

    /// <summary>
    /// Sets numbers: as text for DS (at most 16 characters each) and IS, or as little-endian binary for US, SS, UL,
    /// SL, FL, FD, SV, UV, OF, OD, OL, OW.
    /// </summary>
    /// <exception cref="ArgumentException">The VR is not numeric, or a value does not fit the VR.</exception>
    public void SetNumbers(DicomTag tag, DicomVR vr, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (vr == DicomVR.DS)
        {
            Set(tag, vr, values.Select(FormatDecimalString).ToArray());
            return;
        }
        if (vr == DicomVR.IS)
        {
            Set(tag, vr, values.Select(v => CheckInteger(tag, vr, v, int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture)).ToArray());
            return;
        }
        var size = vr.ByteSwapSize;
        if (size == 1 || vr == DicomVR.AT) throw new ArgumentException($"VR {vr} is not numeric; {tag} needs a numeric VR.", nameof(vr));
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            var slot = bytes.AsSpan(i * size, size);
            var v = values[i];
            if (vr == DicomVR.US || vr == DicomVR.OW) BinaryPrimitives.WriteUInt16LittleEndian(slot, (ushort)CheckInteger(tag, vr, v, ushort.MinValue, ushort.MaxValue));
            else if (vr == DicomVR.SS) BinaryPrimitives.WriteInt16LittleEndian(slot, (short)CheckInteger(tag, vr, v, short.MinValue, short.MaxValue));
            else if (vr == DicomVR.UL || vr == DicomVR.OL) BinaryPrimitives.WriteUInt32LittleEndian(slot, (uint)CheckInteger(tag, vr, v, uint.MinValue, uint.MaxValue));
            else if (vr == DicomVR.SL) BinaryPrimitives.WriteInt32LittleEndian(slot, (int)CheckInteger(tag, vr, v, int.MinValue, int.MaxValue));
            else if (vr == DicomVR.FL || vr == DicomVR.OF) BinaryPrimitives.WriteSingleLittleEndian(slot, (float)v);
            else if (vr == DicomVR.FD || vr == DicomVR.OD) BinaryPrimitives.WriteDoubleLittleEndian(slot, v);
            else if (vr == DicomVR.SV) BinaryPrimitives.WriteInt64LittleEndian(slot, CheckInteger(tag, vr, v, long.MinValue, long.MaxValue));
            else BinaryPrimitives.WriteUInt64LittleEndian(slot, (ulong)CheckInteger(tag, vr, v, 0, long.MaxValue));
        }
        Set(new DicomElement(tag, vr, bytes));
    }

    /// <summary>Sets a raw value (binary numbers little endian). Odd lengths are padded when written.</summary>
    public void SetBytes(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value) => Set(new DicomElement(tag, vr, value));

    /// <summary>Sets a sequence; the items become children of this dataset (they inherit its character set).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public void SetSequence(DicomTag tag, IEnumerable<DicomDataset> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Set(new DicomElement(tag, items.ToArray()));
    }

    /// <summary>Sets encapsulated (compressed) Pixel Data (7FE0,0010) from an offset table and fragments.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="pixelData"/> is null.</exception>
    public void SetEncapsulatedPixelData(EncapsulatedPixelData pixelData)
    {
        ArgumentNullException.ThrowIfNull(pixelData);
        Set(new DicomElement(DicomTags.PixelData, pixelData));
    }

    /// <summary>Removes the element with <paramref name="tag"/>; returns false if it was absent.</summary>
    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0) return false;
        if (tag == DicomTags.SpecificCharacterSet) characterSet = null;
        elements.RemoveAt(index);
        return true;
    }

    /// <summary>A copy: new datasets for this level and every sequence item; values (immutable bytes) are shared.</summary>
    public DicomDataset Clone()
    {
        var copy = new DicomDataset();
        foreach (var element in elements)
        {
            copy.elements.Add(element.Items is null ? element : new DicomElement(element.Tag, element.Items.Select(i => i.Clone()).ToArray()));
        }
        foreach (var element in copy.elements)
        {
            if (element.Items is null) continue;
            foreach (var item in element.Items) item.Parent = copy;
        }
        return copy;
    }

    /// <inheritdoc />
    public IEnumerator<DicomElement> GetEnumerator() => elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The VR to interpret a value with: the element's own, except that UN takes the dictionary's VR (files
    /// converted by tools that did not know the tag).
    /// </summary>
    internal static DicomVR EffectiveVR(DicomElement element)
    {
        if (element.VR != DicomVR.UN) return element.VR;
        var known = DicomDictionary.GetVR(element.Tag);
        return known == DicomVR.SQ ? DicomVR.UN : known;
    }

    internal string DecodeText(DicomElement element, DicomVR vr) =>
        vr.UsesCharacterSet ? CharacterSet.Decode(element.RawValue.Span) : Encoding.Latin1.GetString(element.RawValue.Span);

    private static bool IsBinaryNumber(DicomVR vr) =>
        vr == DicomVR.US || vr == DicomVR.SS || vr == DicomVR.UL || vr == DicomVR.SL || vr == DicomVR.FL || vr == DicomVR.FD
        || vr == DicomVR.SV || vr == DicomVR.UV || vr == DicomVR.OF || vr == DicomVR.OD || vr == DicomVR.OL;

    private static double[] ReadBinaryNumbers(DicomElement element, DicomVR vr)
    {
        var span = element.RawValue.Span;
        var size = vr.ByteSwapSize;
        if (span.Length % size != 0)
        {
            throw new DicomValueException(element.Tag, $"a {vr} value has {span.Length} bytes, not a multiple of {size}.");
        }
        var values = new double[span.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            var slot = span.Slice(i * size, size);
            values[i] =
                vr == DicomVR.US ? BinaryPrimitives.ReadUInt16LittleEndian(slot)
                : vr == DicomVR.SS ? BinaryPrimitives.ReadInt16LittleEndian(slot)
                : vr == DicomVR.UL || vr == DicomVR.OL ? BinaryPrimitives.ReadUInt32LittleEndian(slot)
                : vr == DicomVR.SL ? BinaryPrimitives.ReadInt32LittleEndian(slot)
                : vr == DicomVR.FL || vr == DicomVR.OF ? BinaryPrimitives.ReadSingleLittleEndian(slot)
                : vr == DicomVR.FD || vr == DicomVR.OD ? BinaryPrimitives.ReadDoubleLittleEndian(slot)
                : vr == DicomVR.SV ? BinaryPrimitives.ReadInt64LittleEndian(slot)
                : BinaryPrimitives.ReadUInt64LittleEndian(slot);
        }
        return values;
    }

    private static IEnumerable<DicomTag> ReadTags(DicomElement element)
    {
        var bytes = element.RawValue;
        for (var offset = 0; offset + 4 <= bytes.Length; offset += 4)
        {
            var span = bytes.Span;
            yield return new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]), BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 2)..]));
        }
    }

    private static long CheckInteger(DicomTag tag, DicomVR vr, double value, long min, long max)
    {
        if (value != Math.Floor(value) || value < min || value > max)
        {
            throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} does not fit VR {vr} for {tag}.", nameof(value));
        }
        return (long)value;
    }

    /// <summary>DS allows 16 characters: use the shortest round-trip form, else fewer significant digits.</summary>
    private static string FormatDecimalString(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"DS cannot hold {value}.", nameof(value));
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (var digits = 15; text.Length > 16 && digits > 0; digits--)
        {
            text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        return text;
    }

    private static byte[] PadToEven(byte[] bytes, byte padding)
    {
        if (bytes.Length % 2 == 0) return bytes;
        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }

    private int IndexOf(DicomTag tag)
    {
        int low = 0, high = elements.Count - 1;
        var key = tag.Value;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var value = elements[mid].Tag.Value;
            if (value == key) return mid;
            if (value < key) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }
}
