using Ich.Dicom.Pixels.Tests.Support;

namespace Ich.Dicom.Pixels.Tests;

/// <summary>
/// Re-runs the reference decoders live on one fixture per decoder family and compares: the recorded hash must
/// still be what the reference produces, and our decoder must produce the reference's bytes (lossless) or
/// bytes within ±1 (lossy DCT JPEG, whose IDCT rounding differs between implementations).
/// </summary>
public sealed class LiveReferenceTests
{
    [ReferenceToolsTheory]
    [InlineData("ct-small-explicit-le")] // pydicom numpy handler
    [InlineData("mr-small-explicit-be")] // big endian through pydicom
    [InlineData("ct-rle-512")] // pydicom RLE handler
    [InlineData("ge-ct-jpeg-lossless-sv1")] // dcmtk dcmdjpeg
    [InlineData("ct-small-jpeg-lossless-p14-sv6")] // dcmtk dcmdjpeg, predictor 6
    [InlineData("ct-512-jpeg-ls-lossless")] // dcmtk dcmdjpls
    [InlineData("ct-j2k-pixelrep-mismatch")] // gdcmconv --raw, sign disagreement
    public void GivenLosslessFixture_WhenReferenceDecoderRunsLive_ThenRecordedHashAndOurBytesMatchIt(string folder)
    {
        var key = Fixtures.SingleFile(folder);
        var reference = ReferenceDecoder.Decode(key);

        var ours = PixelFrames.Open(Fixtures.Read(key)).DecodeAllFrames();

        Assert.Equal(ReferenceHashes.For(key).Sha256, Hashing.Sha256(reference));
        Assert.True(reference.AsSpan().SequenceEqual(ours), $"{key}: our stored values differ from the reference decoder's.");
    }

    [ReferenceToolsTheory]
    [InlineData("rgb-jpeg-baseline-ybr")]
    [InlineData("nm-jpeg-extended-12bit")]
    [InlineData("xa-jpeg-baseline-96frame")]
    public void GivenLossyJpegFixture_WhenReferenceDecoderRunsLive_ThenOurSamplesAreWithinOne(string folder)
    {
        var key = Fixtures.SingleFile(folder);
        var reference = ReferenceDecoder.Decode(key);
        var frames = PixelFrames.Open(Fixtures.Read(key));

        var ours = frames.DecodeAllFrames();

        Assert.Equal(ReferenceHashes.For(key).Sha256, Hashing.Sha256(reference));
        Assert.Equal(reference.Length, ours.Length);
        Assert.True(MaxDifference(reference, ours, frames.Format) <= 1, $"{key}: a sample differs from the reference decoder's by more than 1.");
    }

    private static int MaxDifference(byte[] expected, byte[] actual, PixelFormat format)
    {
        var max = 0;
        for (var i = 0; i < expected.Length; i += format.BytesPerSample)
        {
            var difference = format.BytesPerSample == 1
                ? Math.Abs(expected[i] - actual[i])
                : Math.Abs(BitConverter.ToInt16(expected, i) - BitConverter.ToInt16(actual, i));
            max = Math.Max(max, difference);
        }

        return max;
    }
}
