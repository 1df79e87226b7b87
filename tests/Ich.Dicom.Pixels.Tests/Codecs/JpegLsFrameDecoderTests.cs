using Ich.Dicom.Pixels.Codecs;
using Ich.Dicom.Pixels.Codecs.JpegLs;

namespace Ich.Dicom.Pixels.Tests.Codecs;

public sealed class JpegLsFrameDecoderTests
{
    [ReferenceDecoderTheory]
    [InlineData("ct-512-jpeg-ls-lossless", 0)]
    [InlineData("mr-small-jpeg-ls-lossless", 0)]
    [InlineData("mr-16frame-jpeg-ls-no-bot-fragmented", 15)]
    [InlineData("mr-jpeg-ls-near-lossless-1024", 0)]
    public void GivenRealJpegLsFrame_WhenDecoded_ThenMatchesDcmdjplsExactly(string fixture, int frame)
    {
        var encoded = CodecFixtures.Frame(fixture, frame);

        var decoded = encoded.Decode();

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "dcmdjpls", frame, encoded.Format.FrameLength), decoded);
    }

    [ReferenceDecoderTheory]
    [InlineData("sc_rgb_jls_in.dcm")]
    [InlineData("sc_rgb_jls_il.dcm")]
    [InlineData("sc_rgb_jls_is.dcm")]
    public void GivenColourInEachInterleaveMode_WhenDecoded_ThenPixelInterleavedLikeDcmdjpls(string fixture)
    {
        var encoded = CodecFixtures.Frame(fixture);

        var decoded = encoded.Decode();

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "dcmdjpls", 0, encoded.Format.FrameLength), decoded);
    }

    [Fact]
    public void GivenCharLsMissing_WhenDecoded_ThenErrorNamesTheSyntaxAndTheDebianPackage()
    {
        var missing = new NativeCodecLibrary("libcharls2", "libcharls-not-installed.so.2");
        var decoder = new JpegLsFrameDecoder(TransferSyntax.JPEGLSLossless, missing);
        var encoded = CodecFixtures.Frame("mr-small-jpeg-ls-lossless");

        var error = Assert.Throws<CodecUnavailableException>(() => decoder.Decode(encoded.Data, encoded.Format, new byte[encoded.Format.FrameLength]));

        Assert.Contains("JPEG-LS Lossless", error.Message);
        Assert.Contains("apt-get install libcharls2", error.Message);
    }
}
