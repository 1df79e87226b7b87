using System.Buffers.Binary;
using Ich.Dicom.Pixels.Codecs;

namespace Ich.Dicom.Pixels.Tests.Codecs;

public sealed class RleFrameDecoderTests
{
    [ReferenceDecoderTheory]
    [InlineData("ct-rle-512", 0)]
    [InlineData("mr-small-rle", 0)]
    [InlineData("rgb-rle-8bit-2frame", 1)]
    [InlineData("rgb-rle-16bit-2frame", 1)]
    [InlineData("rgb-rle-32bit-2frame", 1)]
    [InlineData("rtdose-rle-15frame", 14)]
    public void GivenRealRleFrame_WhenDecoded_ThenMatchesDcmdrleExactly(string fixture, int frame)
    {
        var encoded = CodecFixtures.Frame(fixture, frame);

        var decoded = encoded.Decode();

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "dcmdrle", frame, encoded.Format.FrameLength), decoded);
    }

    [Fact]
    public void GivenTruncatedSegment_WhenDecoded_ThenTypedErrorNamesRle()
    {
        var encoded = CodecFixtures.Frame("ct-rle-512");
        var truncated = encoded.WithData(encoded.Data[..(encoded.Data.Length / 2)]);

        var error = Assert.Throws<PixelDecodingException>(() => truncated.Decode());

        Assert.Contains("RLE Lossless", error.Message);
    }

    [Fact]
    public void GivenFrameShorterThanHeader_WhenDecoded_ThenTypedError()
    {
        var encoded = CodecFixtures.Frame("mr-small-rle");

        var error = Assert.Throws<PixelDecodingException>(() => encoded.WithData(encoded.Data[..40]).Decode());

        Assert.Contains("64-byte RLE header", error.Message);
    }

    [Fact]
    public void GivenWrongSegmentCount_WhenDecoded_ThenTypedErrorSaysHowManyAreNeeded()
    {
        var encoded = CodecFixtures.Frame("mr-small-rle");
        byte[] data = encoded.Data.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(data, 3);

        var error = Assert.Throws<PixelDecodingException>(() => encoded.WithData(data).Decode());

        Assert.Contains("need 2", error.Message);
    }

    [Fact]
    public void GivenSegmentOffsetPastTheEnd_WhenDecoded_ThenTypedError()
    {
        var encoded = CodecFixtures.Frame("mr-small-rle");
        byte[] data = encoded.Data.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), 0x7FFF_FFF0);

        Assert.Throws<PixelDecodingException>(() => encoded.WithData(data).Decode());
    }

    [Fact]
    public void GivenRunLongerThanTheFrame_WhenDecoded_ThenTypedErrorAndNothingWrittenPastTheFrame()
    {
        // A 2x2 8-bit frame whose only segment repeats one byte 128 times.
        byte[] data = new byte[66];
        BinaryPrimitives.WriteUInt32LittleEndian(data, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), 64);
        data[64] = unchecked((byte)-127);
        data[65] = 0xAB;
        var format = new PixelFormat(2, 2, 1, 8, 8, 7, false, "MONOCHROME2", 0);
        byte[] buffer = new byte[format.FrameLength + 16];

        Assert.Throws<PixelDecodingException>(
            () => FrameDecoders.For(TransferSyntax.RLELossless).Decode(data, format, buffer.AsSpan(0, format.FrameLength)));

        Assert.All(buffer[format.FrameLength..], b => Assert.Equal(0, b));
    }
}
