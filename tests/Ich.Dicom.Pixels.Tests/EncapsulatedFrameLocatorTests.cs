using System.Buffers.Binary;
using Ich.Dicom.Pixels.Frames;
using Ich.Dicom.Pixels.Tests.Support;

namespace Ich.Dicom.Pixels.Tests;

public sealed class EncapsulatedFrameLocatorTests
{
    [Fact]
    public void GivenOneFrameOverSeveralFragmentsWithOffsetTable_WhenLocated_ThenTheFrameSpansAllFragments()
    {
        var (pixelData, syntax, frames) = Encapsulated("ct-512-jpeg-lossless-fragmented");

        var ranges = EncapsulatedFrameLocator.Locate(pixelData, frames, syntax);

        Assert.True(pixelData.Fragments.Count > 1);
        Assert.Equal(new Range(0, pixelData.Fragments.Count), Assert.Single(ranges));
    }

    [Fact]
    public void GivenEmptyOffsetTableAndOneFragmentPerFrame_WhenLocated_ThenEachFrameIsOneFragment()
    {
        var (pixelData, syntax, frames) = Encapsulated("mr-16frame-jpeg-lossless-no-bot");

        var ranges = EncapsulatedFrameLocator.Locate(pixelData, frames, syntax);

        Assert.Equal(0, pixelData.BasicOffsetTable.Length);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => new Range(i, i + 1)), ranges);
    }

    [Fact]
    public void GivenEmptyOffsetTableAndFramesOverSeveralFragments_WhenLocated_ThenFramesStartAtJpegStartMarkers()
    {
        var (pixelData, syntax, frames) = Encapsulated("mr-16frame-jpeg-lossless-no-bot-fragmented");

        var ranges = EncapsulatedFrameLocator.Locate(pixelData, frames, syntax);

        Assert.Equal(16, ranges.Length);
        Assert.True(pixelData.Fragments.Count > 16);
        Assert.All(ranges, r => Assert.True(pixelData.Fragments[r.Start.Value].Span[..2].SequenceEqual((byte[])[0xFF, 0xD8])));
        Assert.Equal(pixelData.Fragments.Count, ranges[^1].End.Value);
    }

    [Fact]
    public void GivenJpegLsFramesOverSeveralFragmentsWithoutOffsetTable_WhenLocated_ThenSixteenFramesAreFound()
    {
        var (pixelData, syntax, frames) = Encapsulated("mr-16frame-jpeg-ls-no-bot-fragmented");

        Assert.Equal(16, EncapsulatedFrameLocator.Locate(pixelData, frames, syntax).Length);
    }

    [Fact]
    public void GivenValidOffsetTableAndNoStartMarkers_WhenLocated_ThenTheTableIsUsed()
    {
        // RLE has no start marker: only the offset table can split 2 frames over 4 fragments.
        ReadOnlyMemory<byte>[] fragments = [new byte[10], new byte[6], new byte[4], new byte[8]];
        var table = Table(0, 8 + 10 + 8 + 6);
        var pixelData = new EncapsulatedPixelData(table, fragments);

        var ranges = EncapsulatedFrameLocator.Locate(pixelData, 2, TransferSyntax.RLELossless);

        Assert.Equal(new[] { new Range(0, 2), new Range(2, 4) }, ranges);
    }

    [Fact]
    public void GivenOffsetTableThatMissesFragmentStarts_WhenLocated_ThenStartMarkersAreUsedInstead()
    {
        var (real, syntax, frames) = Encapsulated("mr-16frame-jpeg-lossless-no-bot-fragmented");
        var expected = EncapsulatedFrameLocator.Locate(real, frames, syntax);
        var bogus = new EncapsulatedPixelData(Table(Enumerable.Range(0, frames).Select(i => (uint)(i * 3 + 1)).ToArray()), real.Fragments);

        var ranges = EncapsulatedFrameLocator.Locate(bogus, frames, syntax);

        Assert.Equal(expected, ranges);
    }

    [Fact]
    public void GivenFewerFragmentsThanFrames_WhenLocated_ThenPixelDataExceptionSaysFramesAreMissing()
    {
        var (real, syntax, _) = Encapsulated("mr-16frame-jpeg-lossless-no-bot");

        var error = Assert.Throws<PixelDataException>(() => EncapsulatedFrameLocator.Locate(real, 17, syntax));

        Assert.Contains("frames are missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenStartMarkerCountOtherThanFrameCount_WhenLocated_ThenPixelDataException()
    {
        var (real, syntax, _) = Encapsulated("mr-16frame-jpeg-lossless-no-bot-fragmented");

        Assert.Throws<PixelDataException>(() => EncapsulatedFrameLocator.Locate(real, 15, syntax));
    }

    [Fact]
    public void GivenRleWithMoreFragmentsThanFramesAndNoTable_WhenLocated_ThenPixelDataException()
    {
        ReadOnlyMemory<byte>[] fragments = [new byte[64], new byte[64], new byte[64]];

        Assert.Throws<PixelDataException>(() => EncapsulatedFrameLocator.Locate(new EncapsulatedPixelData(default, fragments), 2, TransferSyntax.RLELossless));
    }

    [Fact]
    public void GivenNoFragments_WhenLocated_ThenPixelDataException() =>
        Assert.Throws<PixelDataException>(() => EncapsulatedFrameLocator.Locate(new EncapsulatedPixelData(default, []), 1, TransferSyntax.RLELossless));

    [Fact]
    public void GivenMultiFrameFileWithFragmentsSplitOnMarkers_WhenAFrameIsDecoded_ThenItsFragmentsAreJoined()
    {
        var frames = PixelFrames.Open(Fixtures.Read("mr-16frame-jpeg-lossless-no-bot-fragmented"));

        var encoded = frames.GetEncodedFrame(3);

        Assert.True(encoded.Span[..2].SequenceEqual((byte[])[0xFF, 0xD8]));
        Assert.True(encoded.Length > 4096, "frame 3 should be longer than one 4 KiB fragment");
    }

    private static (EncapsulatedPixelData PixelData, TransferSyntax Syntax, int Frames) Encapsulated(string folder)
    {
        var file = Fixtures.Read(folder);
        Assert.True(file.Dataset.TryGet(DicomTags.PixelData, out var element));
        return (element.Fragments!, file.TransferSyntax, PixelFrames.CountFrames(file.Dataset));
    }

    private static byte[] Table(params uint[] offsets)
    {
        var table = new byte[offsets.Length * 4];
        for (var i = 0; i < offsets.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(i * 4), offsets[i]);
        return table;
    }

    private static byte[] Table(params int[] offsets) => Table(offsets.Select(o => (uint)o).ToArray());
}
