namespace Ich.Dicom.Pixels;

/// <summary>
/// One-call entry points for decoding pixel data into stored values (see <see cref="PixelFrames"/> for the
/// convention). To decode several frames of one file, open it once with <see cref="PixelFrames.Open"/>.
/// </summary>
public static class PixelDecoder
{
    /// <summary>Number of Frames of <paramref name="dataset"/> (1 when absent).</summary>
    /// <inheritdoc cref="PixelFrames.CountFrames" path="/exception"/>
    public static int FrameCount(DicomDataset dataset) => PixelFrames.CountFrames(dataset);

    /// <summary>Decodes frame <paramref name="frame"/> (0-based) of <paramref name="file"/> into a new array.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is not a frame of the file.</exception>
    /// <exception cref="DicomException">The pixel module, the pixel data or the codestream is wrong (a subclass says why).</exception>
    public static byte[] DecodeFrame(DicomFile file, int frame) => PixelFrames.Open(file).DecodeFrame(frame);

    /// <summary>Decodes frame <paramref name="frame"/> (0-based) of <paramref name="file"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is not a frame of the file.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not one frame long.</exception>
    /// <exception cref="DicomException">The pixel module, the pixel data or the codestream is wrong (a subclass says why).</exception>
    public static void DecodeFrame(DicomFile file, int frame, Span<byte> destination) => PixelFrames.Open(file).DecodeFrame(frame, destination);

    /// <summary>Decodes every frame of <paramref name="file"/>, in order, into one new array.</summary>
    /// <exception cref="DicomException">The pixel module, the pixel data or a codestream is wrong (a subclass says why).</exception>
    public static byte[] DecodeAllFrames(DicomFile file) => PixelFrames.Open(file).DecodeAllFrames();
}
