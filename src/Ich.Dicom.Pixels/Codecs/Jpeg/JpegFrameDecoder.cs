using System.Buffers;
using Ich.Dicom.Pixels.Codecs.JpegLossless;

namespace Ich.Dicom.Pixels.Codecs.Jpeg;

/// <summary>
/// Decodes frames of the JPEG (ITU T.81) transfer syntaxes: baseline (.4.50), extended (.4.51), lossless (.4.57)
/// and lossless SV1 (.4.70). The codestream's own frame header chooses the decoder, because real files sometimes
/// carry a lossless stream under a lossy UID and the reverse: SOF3 goes to the hand-written
/// <see cref="LosslessJpegDecoder"/>, SOF0/1/2 to <see cref="JpegDctDecoder"/>.
/// </summary>
internal sealed class JpegFrameDecoder(TransferSyntax transferSyntax) : IFrameDecoder
{
    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> encodedFrame, PixelFormat format, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(format);
        ushort[]? rented = null;
        try
        {
            DecodedSampleWriter.ValidateDestination(format, destination);
            int sampleCount = format.PixelCount * format.SamplesPerPixel;
            rented = ArrayPool<ushort>.Shared.Rent(sampleCount);
            Span<ushort> samples = rented.AsSpan(0, sampleCount);
            int precision = JpegMarkerScanner.FindStartOfFrame(encodedFrame) switch
            {
                0xC3 => LosslessJpegDecoder.Decode(encodedFrame, format.Rows, format.Columns, format.SamplesPerPixel, samples).Precision,
                0xC0 or 0xC1 or 0xC2 => JpegDctDecoder.Decode(encodedFrame, format, rented),
                byte other => throw new InvalidCodestreamException($"the codestream uses JPEG process SOF{other - 0xC0}, which is not supported (arithmetic or hierarchical coding)."),
                null => throw new InvalidCodestreamException("the frame is not a JPEG codestream (no SOI marker followed by a frame header)."),
            };
            DecodedSampleWriter.Write(samples, precision, format, destination);
        }
        catch (InvalidCodestreamException e)
        {
            throw new PixelDecodingException(transferSyntax, e.Message, e);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ushort>.Shared.Return(rented);
            }
        }
    }
}
