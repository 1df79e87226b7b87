using System.Buffers.Binary;

namespace Ich.Dicom.Pixels.Frames;

/// <summary>
/// Finds which fragments of encapsulated pixel data (PS3.5 A.4) make up each frame. In order of trust:
/// the Basic Offset Table when its offsets land exactly on fragment starts; one frame when there is one frame;
/// one fragment per frame when the counts match; otherwise the codestream start markers (JPEG/JPEG-LS SOI,
/// JPEG 2000 SOC or JP2 signature) that begin each frame. Anything else is a <see cref="PixelDataException"/>:
/// a frame is never guessed or dropped.
/// </summary>
internal static class EncapsulatedFrameLocator
{
    /// <summary>Bytes of an item header (tag + length) before each fragment's value.</summary>
    private const int ItemHeaderLength = 8;

    /// <summary>Returns, per frame, the range of fragment indices that hold it.</summary>
    /// <exception cref="PixelDataException">The fragments cannot be matched to <paramref name="frameCount"/> frames.</exception>
    public static Range[] Locate(EncapsulatedPixelData pixelData, int frameCount, TransferSyntax transferSyntax)
    {
        ArgumentNullException.ThrowIfNull(pixelData);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);

        var fragments = pixelData.Fragments;
        if (fragments.Count == 0)
        {
            throw new PixelDataException("Encapsulated Pixel Data holds no fragments: there is no frame to decode.");
        }

        if (FromOffsetTable(pixelData, frameCount) is { } fromTable) return fromTable;
        if (frameCount == 1) return [new Range(0, fragments.Count)];
        if (fragments.Count == frameCount) return OnePerFrame(frameCount);
        if (fragments.Count < frameCount)
        {
            throw new PixelDataException($"Encapsulated Pixel Data holds {fragments.Count} fragments but the header declares {frameCount} frames; frames are missing.");
        }

        return FromStartMarkers(fragments, frameCount, transferSyntax);
    }

    private static Range[] OnePerFrame(int frameCount)
    {
        var ranges = new Range[frameCount];
        for (var i = 0; i < frameCount; i++) ranges[i] = new Range(i, i + 1);
        return ranges;
    }

    /// <summary>The frames the Basic Offset Table gives, or null if it is empty or does not fit the fragments.</summary>
    private static Range[]? FromOffsetTable(EncapsulatedPixelData pixelData, int frameCount)
    {
        var table = pixelData.BasicOffsetTable.Span;
        if (table.Length == 0 || table.Length / 4 != frameCount || table.Length % 4 != 0) return null;

        var fragments = pixelData.Fragments;
        var starts = new Range[frameCount];
        var fragmentIndex = 0;
        long position = 0; // offset of the current fragment's item header from the first fragment's
        for (var frame = 0; frame < frameCount; frame++)
        {
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(table[(frame * 4)..]);
            while (fragmentIndex < fragments.Count && position < offset)
            {
                position += ItemHeaderLength + fragments[fragmentIndex].Length;
                fragmentIndex++;
            }

            // An offset that is not a fragment start (or points past the end, or goes backwards) means the table
            // is wrong: better to ignore it than to cut a codestream in the middle.
            if (position != offset || fragmentIndex >= fragments.Count) return null;
            if (frame > 0 && fragmentIndex <= starts[frame - 1].Start.Value) return null;
            starts[frame] = new Range(fragmentIndex, fragmentIndex);
        }

        for (var frame = 0; frame < frameCount; frame++)
        {
            var end = frame + 1 < frameCount ? starts[frame + 1].Start.Value : fragments.Count;
            starts[frame] = new Range(starts[frame].Start, end);
        }

        return starts;
    }

    private static Range[] FromStartMarkers(IReadOnlyList<ReadOnlyMemory<byte>> fragments, int frameCount, TransferSyntax transferSyntax)
    {
        var isStart = StartMarkerTest(transferSyntax) ?? throw new PixelDataException(
            $"Encapsulated Pixel Data of {transferSyntax.Name} holds {fragments.Count} fragments for {frameCount} frames, without a Basic Offset Table, and this syntax has no start marker to split on.");

        if (!isStart(fragments[0].Span))
        {
            throw new PixelDataException($"The first fragment of the {transferSyntax.Name} pixel data does not start with a codestream start marker.");
        }

        var firstFragments = new List<int>(frameCount);
        for (var i = 0; i < fragments.Count; i++)
        {
            if (isStart(fragments[i].Span)) firstFragments.Add(i);
        }

        if (firstFragments.Count != frameCount)
        {
            throw new PixelDataException(
                $"Encapsulated Pixel Data has no usable Basic Offset Table and {firstFragments.Count} codestream starts in {fragments.Count} fragments, but the header declares {frameCount} frames.");
        }

        var ranges = new Range[frameCount];
        for (var frame = 0; frame < frameCount; frame++)
        {
            var end = frame + 1 < frameCount ? firstFragments[frame + 1] : fragments.Count;
            ranges[frame] = new Range(firstFragments[frame], end);
        }

        return ranges;
    }

    private delegate bool StartTest(ReadOnlySpan<byte> fragment);

    private static StartTest? StartMarkerTest(TransferSyntax transferSyntax)
    {
        if (transferSyntax == TransferSyntax.JPEGBaseline || transferSyntax == TransferSyntax.JPEGExtended
            || transferSyntax == TransferSyntax.JPEGLossless || transferSyntax == TransferSyntax.JPEGLosslessSV1
            || transferSyntax == TransferSyntax.JPEGLSLossless || transferSyntax == TransferSyntax.JPEGLSNearLossless)
        {
            return static f => f.Length >= 2 && f[0] == 0xFF && f[1] == 0xD8; // SOI
        }

        if (transferSyntax == TransferSyntax.JPEG2000Lossless || transferSyntax == TransferSyntax.JPEG2000)
        {
            return static f => f.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]) // SOC + SIZ
                || f.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]); // JP2 signature box
        }

        return null; // RLE and unknown syntaxes: one fragment per frame is the only valid layout.
    }
}
