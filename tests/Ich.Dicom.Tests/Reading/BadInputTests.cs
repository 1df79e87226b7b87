using System.Buffers.Binary;
using System.IO.Compression;

namespace Ich.Dicom.Tests.Reading;

/// <summary>Broken input gets a typed, readable error: never a crash of another kind, a hang, or a huge allocation.</summary>
public sealed class BadInputTests
{
    private const string Ct = "ct-small-explicit-le/CT_small.dcm";

    [Fact]
    public void GivenTextFile_WhenRead_ThenNotDicomException()
    {
        var exception = Assert.Throws<NotDicomException>(() => DicomReader.Read(Fixtures.Path("README.md")));

        Assert.Contains("not DICOM", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenRandomBytes_WhenRead_ThenNotDicomException()
    {
        var garbage = new byte[4096];
        new Random(1234).NextBytes(garbage);

        Assert.Throws<NotDicomException>(() => DicomReader.Read(garbage));
    }

    [Fact]
    public void GivenEmptyInput_WhenRead_ThenNotDicomException()
    {
        Assert.Throws<NotDicomException>(() => DicomReader.Read(ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void GivenDatasetOffsetByOneStrayByte_WhenRead_ThenNotDicomException()
    {
        Assert.Throws<NotDicomException>(() => DicomReader.Read(Fixtures.Path("parser-bad-offset-dataset/no_meta.dcm")));
    }

    [Fact]
    public void GivenFileTruncatedInsidePixelData_WhenRead_ThenFormatErrorNamesPixelDataAndOffset()
    {
        var exception = Assert.Throws<DicomFormatException>(() => DicomReader.Read(Fixtures.Path("mr-truncated/MR_truncated.dcm")));

        Assert.Equal(DicomTags.PixelData, exception.Tag);
        Assert.NotNull(exception.Offset);
        Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenFileTruncatedInsideSequence_WhenRead_ThenFormatError()
    {
        Assert.Throws<DicomFormatException>(() => DicomReader.Read(Fixtures.Path("parser-truncated-rtplan/rtplan_truncated.dcm")));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(700)]
    [InlineData(1001)]
    public void GivenRealFileCutShort_WhenRead_ThenFormatError(int length)
    {
        var bytes = Fixtures.Bytes(Ct).AsMemory(0, length);

        Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes));
    }

    [Fact]
    public void GivenHugeDeclaredLengthInSmallFile_WhenRead_ThenFormatErrorWithoutAllocating()
    {
        var bytes = Fixtures.Bytes(Ct);
        var offset = OffsetOfValueLength(bytes, DicomTags.PatientName);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), 0xFFF0);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var exception = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes));

        Assert.Equal(DicomTags.PatientName, exception.Tag);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 * bytes.Length, "The reader allocated more than the input holds.");
    }

    [Fact]
    public void GivenPixelDataLength0xFFFFFFF0In1KbFile_WhenRead_ThenFormatError()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[512]);
        var bytes = DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 512 - 4), 0xFFFFFFF0);

        var exception = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes));

        Assert.Equal(DicomTags.PixelData, exception.Tag);
    }

    [Fact]
    public void GivenSequencesNestedDeeperThanLimit_WhenRead_ThenFormatErrorNamesTheLimit()
    {
        var bytes = DicomWriter.WriteToBytes(DicomFile.Create(Nested(depth: 80), TransferSyntax.ExplicitVRLittleEndian));

        var exception = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes));

        Assert.Contains("64", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenSequencesNestedWithinLimit_WhenRead_ThenAllLevelsRead()
    {
        var bytes = DicomWriter.WriteToBytes(DicomFile.Create(Nested(depth: 60), TransferSyntax.ExplicitVRLittleEndian));

        var dataset = DicomReader.Read(bytes).Dataset;

        var levels = 0;
        for (var items = dataset.GetSequence(DicomTags.ContentSequence); items.Count > 0; items = items[0].GetSequence(DicomTags.ContentSequence)) levels++;
        Assert.Equal(60, levels);
    }

    [Fact]
    public void GivenDeflateBomb_WhenRead_ThenFormatErrorAtTheInflateLimit()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OB, new byte[8 << 20]);
        var bytes = DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.DeflatedExplicitVRLittleEndian));
        var options = new DicomReadOptions { MaxInflatedBytes = 1 << 20 };

        var exception = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes, options));

        Assert.Contains("inflates to more than", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenCorruptDeflateStream_WhenRead_ThenFormatError()
    {
        var bytes = Fixtures.Bytes("deflate-explicit-le/image_dfl.dcm");
        var metaEnd = 132 + 12 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
        bytes.AsSpan(metaEnd, 64).Fill(0xFF);

        Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes));
    }

    [Fact]
    public void GivenPatientNameInFile_WhenLengthCorrupt_ThenMessageDoesNotContainTheName()
    {
        var bytes = Fixtures.Bytes(Ct);
        var offset = OffsetOfValueLength(bytes, DicomTags.PatientName);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), 0xFFF0);

        var exception = Assert.Throws<DicomFormatException>(() => DicomReader.Read(bytes));

        Assert.DoesNotContain("CompressedSamples", exception.Message, StringComparison.Ordinal);
    }

    private static DicomDataset Nested(int depth)
    {
        var innermost = new DicomDataset();
        innermost.Set(DicomTags.ValueType, DicomVR.CS, "TEXT");
        var current = innermost;
        for (var i = 0; i < depth; i++)
        {
            var parent = new DicomDataset();
            parent.SetSequence(DicomTags.ContentSequence, [current]);
            current = parent;
        }
        current.Set(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.88.11");
        return current;
    }

    /// <summary>The offset of the 16-bit length of an explicit VR LE element with a short VR.</summary>
    private static int OffsetOfValueLength(byte[] bytes, DicomTag tag)
    {
        Span<byte> pattern = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(pattern, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(pattern[2..], tag.Element);
        var at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at > 0, $"{tag} not found");
        return at + 6;
    }
}
