namespace Ich.Dicom.Pixels.Frames;

/// <summary>Frames of native (uncompressed) pixel data: fixed-length slices of the Pixel Data value.</summary>
internal static class NativeFrames
{
    /// <summary>Checks that <paramref name="pixelData"/> holds every frame; extra trailing bytes are padding.</summary>
    /// <exception cref="PixelDataException">The value is shorter than the frames need.</exception>
    public static void CheckLength(ReadOnlyMemory<byte> pixelData, PixelFormat format, int frameCount)
    {
        var needed = (long)format.FrameLength * frameCount;
        if (pixelData.Length < needed)
        {
            throw new PixelDataException(
                $"Pixel Data holds {pixelData.Length} bytes but {frameCount} frame(s) of {format.Rows}x{format.Columns} x {format.SamplesPerPixel} sample(s) of {format.BitsAllocated} bits need {needed}: the pixel data is truncated.");
        }
    }

    /// <summary>
    /// The pixel data in little-endian sample order. The reader byte-swaps big-endian values by their VR's unit
    /// (2 bytes for OW, none for OB); when that unit is not the sample size (32-bit samples in OW, as dcmtk writes
    /// RT Dose; 16-bit samples in OB), the reader's swap is undone and each sample reversed whole, in a copy.
    /// </summary>
    public static ReadOnlyMemory<byte> ToLittleEndianSamples(DicomElement pixelData, PixelFormat format, TransferSyntax transferSyntax)
    {
        var swapped = Math.Max(1, pixelData.VR.ByteSwapSize);
        var sample = format.BytesPerSample;
        if (!transferSyntax.IsBigEndian || swapped == sample) return pixelData.RawValue;

        var bytes = pixelData.RawValue.ToArray();
        var whole = bytes.Length - (bytes.Length % Math.Max(swapped, sample));
        for (var i = 0; swapped > 1 && i < whole; i += swapped) bytes.AsSpan(i, swapped).Reverse(); // back to file order
        for (var i = 0; sample > 1 && i < whole; i += sample) bytes.AsSpan(i, sample).Reverse();
        return bytes;
    }

    /// <summary>Copies frame <paramref name="frame"/> into <paramref name="destination"/>, interleaving colour planes.</summary>
    public static void Copy(ReadOnlyMemory<byte> pixelData, PixelFormat format, int frame, Span<byte> destination)
    {
        var source = pixelData.Span.Slice(frame * format.FrameLength, format.FrameLength);
        if (format.SamplesPerPixel == 1 || format.PlanarConfiguration == 0)
        {
            source.CopyTo(destination);
            return;
        }

        Interleave(source, format, destination);
    }

    /// <summary>Planar configuration 1 (RRR…GGG…BBB…) to interleaved (RGBRGB…), sample by sample.</summary>
    private static void Interleave(ReadOnlySpan<byte> planes, PixelFormat format, Span<byte> destination)
    {
        var bytes = format.BytesPerSample;
        var samples = format.SamplesPerPixel;
        var planeLength = format.PixelCount * bytes;
        for (var plane = 0; plane < samples; plane++)
        {
            var source = planes.Slice(plane * planeLength, planeLength);
            for (var pixel = 0; pixel < format.PixelCount; pixel++)
            {
                source.Slice(pixel * bytes, bytes).CopyTo(destination.Slice(((pixel * samples) + plane) * bytes, bytes));
            }
        }
    }
}
