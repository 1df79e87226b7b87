using Ich.Dicom.Pixels.Codecs;

namespace Ich.Dicom.Pixels.Tests.Codecs;

/// <summary>
/// Lossy JPEG: decoders may differ by 1 in IDCT rounding, so greyscale is compared within ±1 of dcmtk. Colour
/// goes through YCbCr to RGB, where ±1 in Cb becomes up to ±1.77 in blue, so converted colour allows ±2.
/// </summary>
public sealed class JpegDctDecoderTests
{
    [ReferenceDecoderTheory]
    [InlineData("nm-jpeg-extended-12bit", 0)]
    [InlineData("xa-jpeg-baseline-96frame", 0)]
    [InlineData("xa-jpeg-baseline-96frame", 95)]
    public void GivenGreyscaleDctFrame_WhenDecoded_ThenWithinOneOfDcmdjpeg(string fixture, int frame)
    {
        var encoded = CodecFixtures.Frame(fixture, frame);

        var decoded = encoded.Decode();

        var reference = ReferenceTools.DecodeFrame(fixture, "dcmdjpeg", frame, encoded.Format.FrameLength);
        SampleAssert.Within(reference, decoded, encoded.Format.BytesPerSample, tolerance: 1);
    }

    [ReferenceDecoderTheory]
    [InlineData("rgb-jpeg-baseline-ybr")]
    [InlineData("sc_rgb_dcmtk_eb_cy_np_420.dcm")]
    [InlineData("us_rgb_baseline_422.dcm")]
    public void GivenYbrFullColourFrame_WhenDecoded_ThenConvertedToRgbWithinTwoOfDcmdjpeg(string fixture)
    {
        var encoded = CodecFixtures.Frame(fixture);
        Assert.StartsWith("YBR_FULL", encoded.Format.PhotometricInterpretation);

        var decoded = encoded.Decode();

        var reference = ReferenceTools.DecodeFrame(fixture, "dcmdjpeg", 0, encoded.Format.FrameLength);
        SampleAssert.Within(reference, decoded, bytesPerSample: 1, tolerance: 2);
    }

    [Fact]
    public void GivenTruncatedBaselineFrame_WhenDecoded_ThenTypedErrorNamesTheSyntax()
    {
        var encoded = CodecFixtures.Frame("xa-jpeg-baseline-96frame");

        var error = Assert.Throws<PixelDecodingException>(() => encoded.WithData(encoded.Data[..(encoded.Data.Length / 3)]).Decode());

        Assert.Contains("1.2.840.10008.1.2.4.50", error.Message);
    }

    [Fact]
    public void GivenTwelveBitStreamInEightAllocatedBits_WhenDecoded_ThenTypedError()
    {
        var encoded = CodecFixtures.Frame("nm-jpeg-extended-12bit");
        var format = encoded.Format with { BitsAllocated = 8, BitsStored = 8, HighBit = 7 };

        var narrow = encoded with { Format = format };

        var error = Assert.Throws<PixelDecodingException>(() => narrow.Decode());

        Assert.Contains("12-bit", error.Message);
    }
}
