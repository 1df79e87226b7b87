namespace Ich.Dicom.Tests.Writing;

/// <summary>Asserts that two datasets hold the same elements and values (what a round trip must preserve).</summary>
internal static class DatasetComparer
{
    // compareVR is false when the copy was read from implicit VR, where VRs come from the dictionary.
    public static void AssertSame(DicomDataset expected, DicomDataset actual, bool compareVR, string path = "")
    {
        // Group lengths are not written (retired, recomputed nowhere); everything else must survive.
        var expectedElements = expected.Where(e => !e.Tag.IsGroupLength).ToArray();
        var actualElements = actual.Where(e => !e.Tag.IsGroupLength).ToArray();
        Assert.True(
            expectedElements.Select(e => e.Tag).SequenceEqual(actualElements.Select(e => e.Tag)),
            $"{path}: tags differ.\nexpected {string.Join(' ', expectedElements.Select(e => e.Tag))}\nactual   {string.Join(' ', actualElements.Select(e => e.Tag))}");
        for (var i = 0; i < expectedElements.Length; i++)
        {
            var (e, a) = (expectedElements[i], actualElements[i]);
            var where = $"{path}{e.Tag}";
            if (compareVR)
            {
                var expectedVR = e.VR.IsKnown ? e.VR : DicomVR.UN;
                Assert.True(expectedVR == a.VR, $"{where}: VR {a.VR}, expected {expectedVR}.");
            }
            if (e.Items is not null)
            {
                Assert.True(a.Items is not null && a.Items.Count == e.Items.Count, $"{where}: item count differs.");
                for (var k = 0; k < e.Items.Count; k++) AssertSame(e.Items[k], a.Items![k], compareVR, $"{where}[{k}]");
                continue;
            }
            if (e.Fragments is not null)
            {
                Assert.True(a.Fragments is not null, $"{where}: fragments lost.");
                Assert.True(e.Fragments.BasicOffsetTable.Span.SequenceEqual(a.Fragments!.BasicOffsetTable.Span), $"{where}: offset table differs.");
                Assert.Equal(e.Fragments.Fragments.Count, a.Fragments.Fragments.Count);
                for (var k = 0; k < e.Fragments.Fragments.Count; k++)
                {
                    Assert.True(Padded(e.Fragments.Fragments[k].Span, 0).SequenceEqual(a.Fragments.Fragments[k].Span), $"{where}: fragment {k} differs.");
                }
                continue;
            }
            // Odd-length values (malformed input) come back padded to even length, as the standard requires.
            Assert.True(Padded(e.RawValue.Span, e.VR.PaddingByte).SequenceEqual(a.RawValue.Span), $"{where}: value differs ({e.RawValue.Length} vs {a.RawValue.Length} bytes).");
        }
    }

    private static byte[] Padded(ReadOnlySpan<byte> value, byte padding) =>
        value.Length % 2 == 0 ? value.ToArray() : [.. value, padding];
}
