namespace Ich.Dicom.Tests.Writing;

/// <summary>Datasets the writer cannot encode faithfully are refused with a clear error, not written wrong.</summary>
public sealed class WriterErrorTests
{
    [Fact]
    public void GivenShortVRValueLongerThan64KiB_WhenWrittenExplicit_ThenDicomExceptionNamesTheTag()
    {
        var dataset = new DicomDataset();
        dataset.SetBytes(DicomTags.StudyDescription, DicomVR.LO, new byte[70_000]);

        var exception = Assert.Throws<DicomException>(() => DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian)));

        Assert.Contains("(0008,1030)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNativePixelData_WhenWrittenWithCompressedSyntax_ThenDicomException()
    {
        var dataset = new DicomDataset();
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[8]);

        Assert.Throws<DicomException>(() => DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.JPEG2000Lossless)));
    }

    [Fact]
    public void GivenEncapsulatedPixelData_WhenWrittenBigEndian_ThenUnsupportedTransferSyntax()
    {
        var dataset = new DicomDataset();
        dataset.SetEncapsulatedPixelData(new EncapsulatedPixelData(ReadOnlyMemory<byte>.Empty, [new byte[] { 0xFF, 0xD8 }]));

        Assert.Throws<UnsupportedTransferSyntaxException>(() => DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.ExplicitVRBigEndian)));
    }

    [Fact]
    public void GivenOddLengthFragment_WhenWrittenAndRead_ThenFragmentIsPaddedWithNul()
    {
        var dataset = new DicomDataset();
        dataset.SetEncapsulatedPixelData(new EncapsulatedPixelData(ReadOnlyMemory<byte>.Empty, [new byte[] { 0xFF, 0xD8, 0xFF }]));

        var copy = DicomReader.Read(DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.JPEGLosslessSV1))).Dataset;

        Assert.Equal([0xFF, 0xD8, 0xFF, 0x00], copy.GetElement(DicomTags.PixelData)!.Fragments!.Fragments[0].ToArray());
    }
}
