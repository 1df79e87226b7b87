using System.Runtime.InteropServices;

namespace Ich.Dicom.Tests.Reading;

/// <summary>The same image in different encodings reads to the same values; the parser's quirk paths are pinned.</summary>
public sealed class EncodingVariantsTests
{
    private const string LittleEndian = "mr-small-explicit-le/MR_small.dcm";

    [Theory]
    [InlineData("mr-small-explicit-be/MR_small_bigendian.dcm", "1.2.840.10008.1.2.2")]
    [InlineData("mr-small-implicit-le/MR_small_implicit.dcm", "1.2.840.10008.1.2")]
    public void GivenSameImageInOtherSyntax_WhenRead_ThenPixelBytesAreLittleEndianAndIdentical(string fixture, string uid)
    {
        var reference = DicomReader.Read(Fixtures.Path(LittleEndian)).Dataset;

        var file = DicomReader.Read(Fixtures.Path(fixture));

        Assert.Equal(uid, file.TransferSyntax.Uid);
        Assert.True(reference.GetElement(DicomTags.PixelData)!.RawValue.Span.SequenceEqual(file.Dataset.GetElement(DicomTags.PixelData)!.RawValue.Span));
        Assert.Equal(reference.GetDoubles(DicomTags.PixelSpacing), file.Dataset.GetDoubles(DicomTags.PixelSpacing));
        Assert.Equal(reference.GetInt32(DicomTags.Rows), file.Dataset.GetInt32(DicomTags.Rows));
    }

    [Fact]
    public void GivenImplicitFileWithSignedPixels_WhenRead_ThenUsOrSsElementsTakeSsFromPixelRepresentation()
    {
        var file = DicomReader.Read(Fixtures.Path("mr-small-implicit-le/MR_small_implicit.dcm"));

        Assert.Equal(1, file.Dataset.GetInt32(DicomTags.PixelRepresentation));
        Assert.Equal(DicomVR.SS, file.Dataset.GetElement(DicomTags.SmallestImagePixelValue)!.VR);
    }

    [Fact]
    public void GivenPart10FileWithoutPreamble_WhenRead_ThenSameDatasetAsWithPreamble()
    {
        var bytes = Fixtures.Bytes(LittleEndian);

        var withoutPreamble = DicomReader.Read(bytes.AsMemory(128));

        Assert.Equal(DicomReader.Read(bytes).Dataset.Count, withoutPreamble.Dataset.Count);
        Assert.Equal("1.2.840.10008.1.2.1", withoutPreamble.TransferSyntax.Uid);
    }

    [Theory]
    [InlineData("parser-no-meta/ExplVR_LitEndNoMeta.dcm", "1.2.840.10008.1.2.1")]
    [InlineData("parser-no-meta/ExplVR_BigEndNoMeta.dcm", "1.2.840.10008.1.2.2")]
    public void GivenBareDataset_WhenRead_ThenEncodingIsSniffedAndMetaIsEmpty(string fixture, string uid)
    {
        var file = DicomReader.Read(Fixtures.Path(fixture));

        Assert.Equal(uid, file.TransferSyntax.Uid);
        Assert.Equal(0, file.FileMetaInformation.Count);
        Assert.True(file.Dataset.Count > 5);
    }

    [Fact]
    public void GivenMetaGroupWithoutDicmMarkerOrGroupLength_WhenRead_ThenMetaIsReadAndItsSyntaxFollowed()
    {
        var file = DicomReader.Read(Fixtures.Path("parser-no-meta/no_meta_group_length.dcm"));

        Assert.Equal(TransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("IVIEW", file.FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle));
        Assert.Equal(["ORIGINAL", "PRIMARY", "PORTAL"], file.Dataset.GetStrings(DicomTags.ImageType));
    }

    [Fact]
    public void GivenMetaWithoutTransferSyntax_WhenRead_ThenSyntaxIsSniffedFromTheDataset()
    {
        var file = DicomReader.Read(Fixtures.Path("parser-meta-quirks/meta_missing_tsyntax.dcm"));

        Assert.False(file.FileMetaInformation.Contains(DicomTags.TransferSyntaxUID));
        Assert.Equal(TransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal(2, file.Dataset.GetElement(DicomTags.PixelData)!.RawValue.Length);
    }

    [Fact]
    public void GivenDeflatedFile_WhenRead_ThenDatasetIsInflated()
    {
        var file = DicomReader.Read(Fixtures.Path("deflate-explicit-le/image_dfl.dcm"));

        Assert.True(file.TransferSyntax.IsDeflated);
        var rows = file.Dataset.GetInt32(DicomTags.Rows)!.Value;
        var columns = file.Dataset.GetInt32(DicomTags.Columns)!.Value;
        Assert.Equal(rows * columns, file.Dataset.GetElement(DicomTags.PixelData)!.RawValue.Length);
    }

    [Fact]
    public void GivenLittleEndianFileInMemory_WhenRead_ThenPixelDataIsASliceOfTheInputNotACopy()
    {
        var bytes = Fixtures.Bytes("ct-small-explicit-le/CT_small.dcm");

        var pixels = DicomReader.Read(bytes).Dataset.GetElement(DicomTags.PixelData)!.RawValue;

        Assert.True(MemoryMarshal.TryGetArray(pixels, out var segment));
        Assert.Same(bytes, segment.Array);
        Assert.Equal(128 * 128 * 2, segment.Count);
    }

    [Fact]
    public void GivenHeaderOnlyRead_WhenFileHasPixelData_ThenHeaderMatchesFullReadWithoutPixelData()
    {
        var path = Fixtures.Path("mr-brain-series/brain_001.dcm");

        var header = DicomReader.Read(path, new DicomReadOptions { StopBeforePixelData = true });
        var full = DicomReader.Read(path);

        Assert.False(header.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal(full.Dataset.Where(e => e.Tag < DicomTags.PixelData).Select(e => e.Tag), header.Dataset.Select(e => e.Tag));
        Assert.Equal(full.Dataset.GetString(DicomTags.SOPInstanceUID), header.Dataset.GetString(DicomTags.SOPInstanceUID));
    }

    [Fact]
    public void GivenTrailingZeroPaddingAfterDataset_WhenRead_ThenPaddingIsIgnored()
    {
        var dataset = DicomReader.Read(Fixtures.Path("mr-brain-series/brain_001.dcm")).Dataset;

        Assert.Equal(DicomTags.PixelData, dataset.Last().Tag);
    }

    [Fact]
    public void GivenUnSequenceOfUndefinedLength_WhenRead_ThenItIsParsedAsImplicitLittleEndianItems()
    {
        var dataset = DicomReader.Read(Fixtures.Path("parser-sequences/UN_sequence.dcm")).Dataset;

        var sequence = Assert.Single(dataset, e => e.IsSequence);
        Assert.True(sequence.Tag.IsPrivate);
        Assert.NotEmpty(sequence.Items!);
    }

    [Fact]
    public void GivenStructuredReport_WhenRead_ThenNestedContentIsReachable()
    {
        var dataset = DicomReader.Read(Fixtures.Path("parser-sequences/test-SR.dcm")).Dataset;

        var content = dataset.GetSequence(DicomTags.ContentSequence);
        Assert.NotEmpty(content);
        Assert.All(content, item => Assert.NotNull(item.GetString(DicomTags.ValueType)));
        Assert.Contains(content, item => item.GetSequence(DicomTags.ContentSequence).Count > 0);
    }

    [Fact]
    public void GivenElementWithVRTheStandardDoesNotDefine_WhenRead_ThenItIsReadWithA32BitLengthAndKept()
    {
        // (0009,0010) LO "ACME", then (0009,1001) with VR "ZZ": reserved 2 bytes + 32-bit length, as PS3.5 6.2.2 says.
        byte[] dataset =
        [
            0x08, 0x00, 0x60, 0x00, (byte)'C', (byte)'S', 0x02, 0x00, (byte)'C', (byte)'T',
            0x09, 0x00, 0x10, 0x00, (byte)'L', (byte)'O', 0x04, 0x00, (byte)'A', (byte)'C', (byte)'M', (byte)'E',
            0x09, 0x00, 0x01, 0x10, (byte)'Z', (byte)'Z', 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 1, 2, 3, 4,
            0x10, 0x00, 0x20, 0x00, (byte)'L', (byte)'O', 0x02, 0x00, (byte)'I', (byte)'D',
        ];

        var file = DicomReader.Read(dataset);

        var element = file.Dataset.GetElement(new DicomTag(0x0009, 0x1001))!;
        Assert.Equal("ZZ", element.VR.Code);
        Assert.Equal([1, 2, 3, 4], element.RawValue.ToArray());
        Assert.Equal("CT", file.Dataset.GetString(DicomTags.Modality));
        Assert.Equal(4, file.Dataset.Count);
    }

    [Fact]
    public void GivenHeaderLongerThanTheFirstChunkRead_WhenHeaderOnlyRead_ThenNoElementIsMissing()
    {
        // A private element of 100 KB before Pixel Data makes the header outgrow the first 64 KiB read.
        var original = DicomReader.Read(Fixtures.Path("ct-small-explicit-le/CT_small.dcm"));
        original.Dataset.SetBytes(new DicomTag(0x0029, 0x1010), DicomVR.OB, new byte[100_000]);
        original.Dataset.Set(new DicomTag(0x0029, 0x0010), DicomVR.LO, "ICH TEST");
        var path = Path.Combine(Path.GetTempPath(), $"ich-header-{Guid.NewGuid():N}.dcm");
        DicomWriter.Write(original, path);
        try
        {
            var header = DicomReader.Read(path, new DicomReadOptions { StopBeforePixelData = true });

            Assert.Equal(original.Dataset.Select(e => e.Tag).Where(t => t < DicomTags.PixelData), header.Dataset.Select(e => e.Tag));
            Assert.Equal(100_000, header.Dataset.GetElement(new DicomTag(0x0029, 0x1010))!.RawValue.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GivenNonSeekableStream_WhenRead_ThenSameDatasetAsFromThePath()
    {
        var path = Fixtures.Path("ct-small-explicit-le/CT_small.dcm");
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = archive.CreateEntry("ct.dcm").Open();
            writer.Write(File.ReadAllBytes(path));
        }
        zip.Position = 0;
        using var read = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Read);
        using var entry = read.Entries[0].Open();

        var file = DicomReader.Read(entry);

        Assert.Equal(DicomReader.Read(path).Dataset.Select(e => e.Tag), file.Dataset.Select(e => e.Tag));
    }
}
