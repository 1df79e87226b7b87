using Ich.Dicom.Pixels.Codecs;

namespace Ich.Dicom.Pixels.Tests.Codecs;

public sealed class FrameDecodersTests
{
    public static TheoryData<string> CompressedSyntaxes => new(FrameDecoders.Supported.Select(syntax => syntax.Uid));

    [Theory]
    [MemberData(nameof(CompressedSyntaxes))]
    public void For_CompressedSyntax_ReturnsTheSameDecoderEachTime(string uid)
    {
        var syntax = TransferSyntax.FromUid(uid);

        var first = FrameDecoders.For(syntax);
        var second = FrameDecoders.For(syntax);

        Assert.Same(first, second);
    }

    [Fact]
    public void For_NativeSyntax_ThrowsUnsupportedSayingNoDecoderIsNeeded()
    {
        var error = Assert.Throws<UnsupportedTransferSyntaxException>(() => FrameDecoders.For(TransferSyntax.ExplicitVRLittleEndian));

        Assert.Contains("1.2.840.10008.1.2.1", error.Message);
        Assert.Contains("not compressed", error.Message);
    }

    [Fact]
    public void For_UnknownSyntax_ThrowsUnsupportedNamingTheUid()
    {
        var unknown = TransferSyntax.FromUid("1.2.3.4.5.6");

        var error = Assert.Throws<UnsupportedTransferSyntaxException>(() => FrameDecoders.For(unknown));

        Assert.Contains("1.2.3.4.5.6", error.Message);
        Assert.Same(unknown, error.TransferSyntax);
    }

    [Fact]
    public void For_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => FrameDecoders.For(null!));
    }

    [ReferenceDecoderTheory]
    [InlineData("ct-512-jpeg-lossless-fragmented", "dcmdjpeg")]
    [InlineData("ct-512-jpeg-ls-lossless", "dcmdjpls")]
    [InlineData("mr-small-j2k-lossless", "gdcmconv")]
    public void For_SharedDecoderUsedFromSeveralThreads_EveryFrameMatchesTheReference(string fixture, string tool)
    {
        var encoded = CodecFixtures.Frame(fixture);
        byte[] expected = ReferenceTools.DecodeFrame(fixture, tool, 0, encoded.Format.FrameLength);

        byte[][] results = new byte[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = encoded.Decode());

        Assert.All(results, decoded => SampleAssert.Identical(expected, decoded));
    }
}
