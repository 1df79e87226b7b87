using Ich.Dicom.Pixels.Codecs;

namespace Ich.Dicom.Pixels.Tests.Codecs;

public sealed class JpegLosslessDecoderTests
{
    [ReferenceDecoderTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void GivenSignedCtWithPredictor_WhenDecoded_ThenMatchesDcmdjpegExactly(int predictor)
    {
        string fixture = $"ct-small-jpeg-lossless-p14-sv{predictor}";
        var encoded = CodecFixtures.Frame(fixture);
        Assert.Equal(predictor, ScanPredictor(encoded.Data));

        var decoded = encoded.Decode();

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "dcmdjpeg", 0, encoded.Format.FrameLength), decoded);
    }

    [ReferenceDecoderTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void GivenSixteenBitMrWithPredictor_WhenDecoded_ThenMatchesDcmdjpegExactly(int predictor)
    {
        string fixture = $"mr-jpeg-lossless-p14-sv{predictor}";
        var encoded = CodecFixtures.Frame(fixture);
        Assert.Equal(predictor, ScanPredictor(encoded.Data));

        var decoded = encoded.Decode();

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "dcmdjpeg", 0, encoded.Format.FrameLength), decoded);
    }

    [ReferenceDecoderTheory]
    [InlineData("ge-ct-jpeg-lossless-sv1", 0)]
    [InlineData("ct-512-jpeg-lossless-fragmented", 0)]
    [InlineData("rgb-jpeg-lossless-sv1", 0)]
    [InlineData("xa-jpeg-lossless-sv1-12frame", 11)]
    [InlineData("mr-16frame-jpeg-lossless-no-bot", 15)]
    public void GivenRealLosslessFrame_WhenDecoded_ThenMatchesDcmdjpegExactly(string fixture, int frame)
    {
        var encoded = CodecFixtures.Frame(fixture, frame);

        var decoded = encoded.Decode();

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "dcmdjpeg", frame, encoded.Format.FrameLength), decoded);
    }

    [ReferenceDecoderFact]
    public void GivenDifferencesOf32768_WhenDecoded_ThenTheSsss16CaseMatchesDcmdjpeg()
    {
        const string fixture = "ct_small_ssss16_sv1.dcm";
        var encoded = CodecFixtures.Frame(fixture);
        Assert.Contains((byte)16, HuffmanCategories(encoded.Data));

        var decoded = encoded.Decode();

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "dcmdjpeg", 0, encoded.Format.FrameLength), decoded);
    }

    [ReferenceDecoderFact]
    public void GivenPointTransform2_WhenDecoded_ThenSamplesAreScaledBackLikeDcmdjpeg()
    {
        const string fixture = "ct_small_sv7_pt2.dcm";
        var encoded = CodecFixtures.Frame(fixture);

        var decoded = encoded.Decode();

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "dcmdjpeg", 0, encoded.Format.FrameLength), decoded);
        Assert.All(Enumerable.Range(0, decoded.Length / 2), i => Assert.Equal(0, decoded[2 * i] & 0b11));
    }

    [ReferenceDecoderFact]
    public void GivenLosslessStreamUnderBaselineUid_WhenDecoded_ThenTheFrameHeaderChoosesTheLosslessDecoder()
    {
        const string fixture = "ct-small-jpeg-lossless-p14-sv3";
        var encoded = CodecFixtures.Frame(fixture);

        var decoded = encoded.DecodeAs(TransferSyntax.JPEGBaseline);

        SampleAssert.Identical(ReferenceTools.DecodeFrame(fixture, "dcmdjpeg", 0, encoded.Format.FrameLength), decoded);
    }

    [Fact]
    public void GivenDatasetGeometryDifferentFromFrameHeader_WhenDecoded_ThenTypedErrorGivesBoth()
    {
        var encoded = CodecFixtures.Frame("ct-small-jpeg-lossless-p14-sv1");
        var wrong = encoded with { Format = encoded.Format with { Rows = 64 } };

        var error = Assert.Throws<PixelDecodingException>(() => wrong.Decode());

        Assert.Contains("128x128", error.Message);
        Assert.Contains("128x64", error.Message);
        Assert.Contains("1.2.840.10008.1.2.4.57", error.Message);
    }

    /// <summary>The predictor (Ss) of the first scan, so each case provably exercises the predictor it names.</summary>
    internal static int ScanPredictor(byte[] codestream)
    {
        int sos = IndexOfMarker(codestream, 0xDA);
        int components = codestream[sos + 4];
        return codestream[sos + 5 + (2 * components)];
    }

    private static byte[] HuffmanCategories(byte[] codestream)
    {
        int dht = IndexOfMarker(codestream, 0xC4);
        int count = codestream.AsSpan(dht + 5, 16).ToArray().Sum(b => b);
        return codestream.AsSpan(dht + 21, count).ToArray();
    }

    private static int IndexOfMarker(byte[] codestream, byte marker)
    {
        int index = codestream.AsSpan().IndexOf(new byte[] { 0xFF, marker });
        Assert.True(index >= 0, $"No FF{marker:X2} marker in the codestream.");
        return index;
    }
}

public sealed class JpegLosslessRestartTests
{
    [ReferenceDecoderTheory]
    [InlineData(1, 128)]
    [InlineData(7, 128)]
    [InlineData(7, 384)]
    [InlineData(4, 256)]
    public void GivenRestartIntervals_WhenDecoded_ThenMatchesTheOriginalAndDcmdjpeg(int predictor, int interval)
    {
        string fixture = $"ct-small-jpeg-lossless-p14-sv{predictor}";
        var file = DicomReader.Read(CodecFixtures.PathOf(fixture));
        var encoded = CodecFixtures.Frame(fixture);
        byte[] expected = ReferenceTools.DecodeFrame(fixture, "dcmdjpeg", 0, encoded.Format.FrameLength);
        ushort[] samples = new ushort[expected.Length / 2];
        Buffer.BlockCopy(expected, 0, samples, 0, expected.Length);
        byte[] withRestarts = LosslessRestartEncoder.Encode(encoded.Data, samples, encoded.Format.Rows, encoded.Format.Columns, interval);
        string path = Path.Combine(Path.GetTempPath(), $"ich-restart-{Guid.NewGuid():N}.dcm");
        try
        {
            file.Dataset.SetEncapsulatedPixelData(new EncapsulatedPixelData(ReadOnlyMemory<byte>.Empty, [withRestarts]));
            DicomWriter.Write(file, path);
            SampleAssert.Identical(expected, ReferenceTools.DecodeFile(path, "dcmdjpeg"));

            var decoded = encoded.WithData(withRestarts).Decode();

            SampleAssert.Identical(expected, decoded);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
