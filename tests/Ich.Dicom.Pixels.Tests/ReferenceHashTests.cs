using Ich.Dicom.Pixels.Tests.Support;

namespace Ich.Dicom.Pixels.Tests;

/// <summary>
/// Every fixture in tests/data/dicom decodes to exactly the bytes a reference decoder (pydicom, dcmtk, gdcm)
/// produced, as recorded in reference-hashes.json by scripts/reference-hashes/generate.sh. Lossy DCT JPEG
/// fixtures (baseline, extended) are left out here: IDCT rounding legitimately differs by ±1 between decoders, so
/// <see cref="LiveReferenceTests"/> compares them with the reference's bytes and a tolerance of 1 instead.
/// </summary>
public sealed class ReferenceHashTests
{
    public static TheoryData<string> ExactFixtures => ReferenceHashes.Keys(entry => entry.Error is null && !entry.Lossy);

    public static TheoryData<string> MultiFrameFixtures => ReferenceHashes.Keys(entry => entry.Error is null && !entry.Lossy && entry.Frames > 1);

    public static TheoryData<string> BrokenFixtures => ReferenceHashes.Keys(entry => entry.Error is not null);

    [Theory]
    [MemberData(nameof(ExactFixtures))]
    public void GivenFixture_WhenAllFramesDecoded_ThenSha256EqualsReferenceDecoder(string fixture)
    {
        var expected = ReferenceHashes.For(fixture);
        var frames = PixelFrames.Open(Fixtures.Read(fixture));

        var decoded = frames.DecodeAllFrames();

        Assert.Equal(expected.Frames, frames.FrameCount);
        Assert.Equal(expected.Sha256, Hashing.Sha256(decoded));
    }

    [Theory]
    [MemberData(nameof(MultiFrameFixtures))]
    public void GivenMultiFrameFixture_WhenLastFrameDecodedAlone_ThenSha256EqualsReferenceFrame(string fixture)
    {
        var expected = ReferenceHashes.For(fixture);
        var frames = PixelFrames.Open(Fixtures.Read(fixture));

        var last = frames.DecodeFrame(frames.FrameCount - 1);

        Assert.Equal(expected.FrameSha256![^1], Hashing.Sha256(last));
    }

    [Theory]
    [MemberData(nameof(BrokenFixtures))]
    public void GivenFixtureTheReferenceCannotDecode_WhenDecoded_ThenTypedDicomError(string fixture)
    {
        var error = Record.Exception(() => PixelFrames.Open(Fixtures.Read(fixture)).DecodeAllFrames());

        Assert.IsAssignableFrom<DicomException>(error);
    }
}
