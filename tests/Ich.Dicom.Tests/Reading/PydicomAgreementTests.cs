using System.Globalization;
using System.Text.Json;
using Ich.Dicom.Tests.Reference;

namespace Ich.Dicom.Tests.Reading;

/// <summary>Every readable fixture reads to the same elements and values as pydicom reads from it.</summary>
public sealed class PydicomAgreementTests
{
    [Theory]
    [MemberData(nameof(Fixtures.ReadableData), MemberType = typeof(Fixtures))]
    public void GivenFixture_WhenRead_ThenElementsAndValuesMatchPydicom(string fixture)
    {
        var file = DicomReader.Read(Fixtures.Path(fixture));
        var reference = PydicomReference.For(fixture);

        var transferSyntax = reference.GetProperty("transferSyntax");
        if (transferSyntax.ValueKind == JsonValueKind.String)
        {
            Assert.Equal(transferSyntax.GetString(), file.TransferSyntax.Uid);
        }
        AssertSame(file.Dataset, reference.GetProperty("elements"), "");
    }

    private static void AssertSame(DicomDataset dataset, JsonElement expected, string path)
    {
        // pydicom reads trailing zero padding as a (0000,0000) element; our reader stops at it (documented).
        var expectedTags = expected.EnumerateArray().Select(e => e.GetProperty("tag").GetString()).Where(t => t != "00000000" || dataset.Contains(default)).ToArray();
        var actualTags = dataset.Select(e => e.Tag.Value.ToString("X8", CultureInfo.InvariantCulture)).ToArray();
        Assert.True(expectedTags.SequenceEqual(actualTags), $"{path}: tags differ.\nexpected {string.Join(' ', expectedTags)}\nactual   {string.Join(' ', actualTags)}");

        foreach (var reference in expected.EnumerateArray())
        {
            var tag = DicomTag.FromValue(uint.Parse(reference.GetProperty("tag").GetString()!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
            var element = dataset.GetElement(tag);
            if (element is null) continue;
            // pydicom has a private dictionary; we keep unknown private tags of implicit VR files as UN (bytes as read).
            if (tag.IsPrivate && element.VR == DicomVR.UN && !element.IsSequence) continue;
            var where = $"{path}{tag}";
            if (reference.TryGetProperty("items", out var items))
            {
                var actualItems = dataset.GetSequence(tag);
                Assert.True(items.GetArrayLength() == actualItems.Count, $"{where}: {actualItems.Count} items, pydicom {items.GetArrayLength()}.");
                for (var i = 0; i < actualItems.Count; i++) AssertSame(actualItems[i], items[i], $"{where}[{i}]");
                continue;
            }
            var vr = reference.GetProperty("vr").GetString()!;
            // Encapsulated pixel data is always OB to us (PS3.5 A.4), even where a file says OW.
            var sameVR = vr.Length != 2 || vr == element.VR.Code || (element.IsEncapsulated && vr == "OW");
            Assert.True(sameVR, $"{where}: VR {element.VR}, pydicom {vr}.");
            if (reference.TryGetProperty("invalidNumber", out _))
            {
                Assert.Throws<DicomValueException>(() => dataset.GetDoubles(tag));
                continue;
            }
            if (!reference.TryGetProperty("values", out var values)) continue;
            if (values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Number))
            {
                var actual = dataset.GetDoubles(tag);
                var numbers = values.EnumerateArray().Select(v => v.GetDouble()).ToArray();
                Assert.True(numbers.Length == actual.Length, $"{where}: {actual.Length} numbers, pydicom {numbers.Length}.");
                for (var i = 0; i < numbers.Length; i++)
                {
                    Assert.True(Math.Abs(numbers[i] - actual[i]) <= 1e-9 * Math.Max(1, Math.Abs(numbers[i])), $"{where}[{i}]: {actual[i]}, pydicom {numbers[i]}.");
                }
            }
            else if (values.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            {
                // Normalised: surrounding spaces of each value (we trim them per value, pydicom per element) and
                // trailing empty person-name groups (pydicom drops them).
                var texts = values.EnumerateArray().Select(v => Normalise(v.GetString()!, vr)).ToArray();
                var actual = dataset.GetStrings(tag).Select(v => Normalise(v, vr)).ToArray();
                if (actual is [""]) actual = [];
                Assert.True(texts.SequenceEqual(actual), $"{where}: [{string.Join('|', actual)}], pydicom [{string.Join('|', texts)}].");
            }
        }
    }

    private static string Normalise(string value, string vr) => vr == "PN" ? value.Trim().TrimEnd('=') : value.Trim();
}
