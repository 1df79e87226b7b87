namespace Ich.Dicom.Pixels;

/// <summary>Decodes one encapsulated frame of one transfer syntax.</summary>
public interface IFrameDecoder
{
    /// <summary>
    /// Decodes one encapsulated frame into stored values: little-endian, <see cref="PixelFormat.BitsAllocated"/>
    /// layout (1 or 2 bytes per sample), samples interleaved (planar configuration 0), exactly
    /// <see cref="PixelFormat.FrameLength"/> bytes.
    /// </summary>
    /// <param name="encodedFrame">The frame's codestream (all its fragments joined).</param>
    /// <param name="format">The frame's geometry and encoding from the dataset.</param>
    /// <param name="destination">Receives exactly <see cref="PixelFormat.FrameLength"/> bytes.</param>
    void Decode(ReadOnlySpan<byte> encodedFrame, PixelFormat format, Span<byte> destination);
}
