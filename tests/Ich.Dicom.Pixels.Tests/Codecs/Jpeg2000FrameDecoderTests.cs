using Ich.Dicom.Pixels.Codecs;
using Ich.Dicom.Pixels.Codecs.Jpeg2000;

namespace Ich.Dicom.Pixels.Tests.Codecs;

public sealed class Jpeg2000FrameDecoderTests
{
    [ReferenceDecoderTheory]
    [InlineData("ct-512-j2k-lossless-gdcm")]
    [InlineData("ct-j2k-512")]
    [InlineData("ct-j2k-pixelrep-mismatch")]
    [InlineData("mr-small-j2k-lossless")]
    [InlineData("nm-j2k-signed")]
    [InlineData("rgb-j2k-ybr-rct")]
    public void GivenRealJpeg2000Frame_WhenDecoded_ThenMatchesGdcmExactly(string fixture)
    {
        var encoded = CodecFixtures.Frame(fixture);

        var decoded = encoded.Decode();

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "gdcmconv", 0, encoded.Format.FrameLength), decoded);
    }

    [Theory]
    [InlineData("nm-j2k-signed", true)]
    [InlineData("mr-small-j2k-lossless", true)]
    [InlineData("rgb-j2k-ybr-rct", false)]
    public void ReadSampleInfo_RealFrame_ReportsTheCodestreamSign(string fixture, bool signed)
    {
        var encoded = CodecFixtures.Frame(fixture);

        var info = Jpeg2000Codestream.ReadSampleInfo(encoded.Data);

        Assert.NotNull(info);
        Assert.Equal(signed, info.Value.IsSigned);
    }

    [Fact]
    public void ReadSampleInfo_HeaderAndCodestreamDisagree_ReportsTheCodestream()
    {
        var encoded = CodecFixtures.Frame("ct-j2k-pixelrep-mismatch");

        var info = Jpeg2000Codestream.ReadSampleInfo(encoded.Data);

        Assert.NotNull(info);
        Assert.NotEqual(encoded.Format.IsSigned, info.Value.IsSigned);
    }

    [Fact]
    public void ReadSampleInfo_NotJpeg2000_ReturnsNull()
    {
        Assert.Null(Jpeg2000Codestream.ReadSampleInfo([0xFF, 0xD8, 0xFF, 0xC3, 0, 0]));
    }

    [Fact]
    public void GivenOpenJpegMissing_WhenDecoded_ThenErrorNamesTheSyntaxAndTheDebianPackage()
    {
        var missing = new NativeCodecLibrary("libopenjp2-7", "libopenjp2-not-installed.so.7");
        var decoder = new Jpeg2000FrameDecoder(TransferSyntax.JPEG2000Lossless, missing);
        var encoded = CodecFixtures.Frame("mr-small-j2k-lossless");

        var error = Assert.Throws<CodecUnavailableException>(() => decoder.Decode(encoded.Data, encoded.Format, new byte[encoded.Format.FrameLength]));

        Assert.Contains("1.2.840.10008.1.2.4.90", error.Message);
        Assert.Contains("apt-get install libopenjp2-7", error.Message);
    }
}
