using System.Runtime.InteropServices;
using Ich.Dicom.Pixels.Tests.Support;

namespace Ich.Dicom.Pixels.Tests;

public sealed class PixelFramesTests
{
    [Fact]
    public void Open_PixelDataShorterThanTheFrame_ThrowsPixelDataExceptionSayingTruncated()
    {
        var dataset = PixelFormatTests.Valid();
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[6]); // 2x2 16-bit needs 8

        var error = Assert.Throws<PixelDataException>(() => PixelFrames.Open(Native(dataset)));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("need 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PixelDataShorterThanAllFrames_ThrowsPixelDataException()
    {
        var dataset = PixelFormatTests.Valid();
        dataset.SetNumbers(DicomTags.NumberOfFrames, DicomVR.IS, 3);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[16]);

        Assert.Throws<PixelDataException>(() => PixelFrames.Open(Native(dataset)));
    }

    [Fact]
    public void Open_HugeNumberOfFramesInASmallFile_ThrowsWithoutAllocating()
    {
        var dataset = PixelFormatTests.Valid();
        dataset.SetNumbers(DicomTags.NumberOfFrames, DicomVR.IS, int.MaxValue);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[8]);

        Assert.Throws<PixelDataException>(() => PixelFrames.Open(Native(dataset)));
    }

    [Fact]
    public void Open_NoPixelData_ThrowsPixelDataException() =>
        Assert.Throws<PixelDataException>(() => PixelFrames.Open(Native(PixelFormatTests.Valid())));

    [Fact]
    public void Open_CompressedSyntaxWithNativePixelData_ThrowsPixelDataException()
    {
        var dataset = PixelFormatTests.Valid();
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[8]);

        Assert.Throws<PixelDataException>(() => PixelFrames.Open(new DicomFile(new DicomDataset(), dataset, TransferSyntax.JPEGLossless)));
    }

    [Fact]
    public void Open_TruncatedRealFile_ThrowsATypedDicomError()
    {
        var error = Record.Exception(() => PixelFrames.Open(Fixtures.Read("mr-truncated")).DecodeAllFrames());

        Assert.IsAssignableFrom<DicomException>(error);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void DecodeFrame_OutOfRange_ThrowsArgumentOutOfRange(int frame)
    {
        var frames = PixelFrames.Open(Fixtures.Read("ct-small-explicit-le"));

        Assert.Throws<ArgumentOutOfRangeException>(() => frames.DecodeFrame(frame));
    }

    [Fact]
    public void DecodeFrame_DestinationOfWrongLength_ThrowsArgumentException()
    {
        var frames = PixelFrames.Open(Fixtures.Read("ct-small-explicit-le"));

        Assert.Throws<ArgumentException>(() => frames.DecodeFrame(0, new byte[10]));
    }

    [Fact]
    public void DecodeFrame_PlanarConfigurationOne_GivesTheSameInterleavedSamplesAsPlanarZero()
    {
        var file = Fixtures.Read("rgb-odd-length");
        var interleaved = PixelFrames.Open(file).DecodeFrame(0);
        var planes = new byte[interleaved.Length];
        for (var pixel = 0; pixel < 9; pixel++)
        {
            for (var sample = 0; sample < 3; sample++) planes[(sample * 9) + pixel] = interleaved[(pixel * 3) + sample];
        }

        var dataset = file.Dataset.Clone();
        dataset.SetNumbers(DicomTags.PlanarConfiguration, DicomVR.US, 1);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OB, planes);

        Assert.Equal(interleaved, PixelFrames.Open(Native(dataset)).DecodeFrame(0));
    }

    [Fact]
    public void DecodeFrame_PixelDataLongerThanTheFrame_IgnoresTheTrailingBytes()
    {
        var padded = PixelDecoder.DecodeFrame(Fixtures.Read("mr-small-padded"), 0);

        Assert.Equal(PixelDecoder.DecodeFrame(Fixtures.Read("mr-small-explicit-le"), 0), padded);
    }

    [Fact]
    public void DecodeFrame_BigEndianFile_GivesTheSameValuesAsLittleEndian() =>
        Assert.Equal(
            PixelDecoder.DecodeFrame(Fixtures.Read("mr-small-explicit-le"), 0),
            PixelDecoder.DecodeFrame(Fixtures.Read("mr-small-explicit-be"), 0));

    [Fact]
    public void DecodeAllFrames_MultiFrameNative_IsTheFramesInOrder()
    {
        var file = Fixtures.Read("rtdose-32bit-15frame-implicit");
        var frames = PixelFrames.Open(file);

        var all = frames.DecodeAllFrames();

        Assert.Equal(15, frames.FrameCount);
        Assert.Equal(frames.DecodeFrame(7), all.AsSpan(7 * frames.Format.FrameLength, frames.Format.FrameLength).ToArray());
    }

    [Fact]
    public void DecodeFrame_Jpeg2000HeaderDeclaresFewerBitsThanTheCodestream_ValuesAreNotClipped()
    {
        // The real CT codes values down to -2315 (13 bits signed); a header saying 12 bits must not fold them.
        var file = Fixtures.Read("ct-j2k-512");
        var expected = PixelFrames.Open(file).DecodeFrame(0);
        var dataset = file.Dataset.Clone();
        dataset.SetNumbers(DicomTags.BitsStored, DicomVR.US, 12);
        dataset.SetNumbers(DicomTags.HighBit, DicomVR.US, 11);

        var decoded = PixelFrames.Open(new DicomFile(file.FileMetaInformation, dataset, file.TransferSyntax)).DecodeFrame(0);

        Assert.True(MemoryMarshal.Cast<byte, short>(expected).ToArray().Min() < -2048);
        Assert.Equal(expected, decoded);
    }

    private static DicomFile Native(DicomDataset dataset) => new(new DicomDataset(), dataset, TransferSyntax.ExplicitVRLittleEndian);
}
