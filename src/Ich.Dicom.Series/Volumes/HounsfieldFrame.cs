using System.Buffers;
using Ich.Dicom.Pixels;
using Ich.Dicom.Pixels.Hounsfield;

namespace Ich.Dicom.Series.Volumes;

/// <summary>The one HU conversion path of this library: decode frame 0, apply <see cref="RescaleRepair"/>, convert.</summary>
internal static class HounsfieldFrame
{
    /// <summary>Decodes frame 0 of <paramref name="frames"/> into Hounsfield units in <paramref name="destination"/>.</summary>
    /// <exception cref="DicomException">The pixel data cannot be decoded or the rescale is invalid.</exception>
    public static RescaleRepairResult Decode(DicomFile file, PixelFrames frames, Span<float> destination)
    {
        var format = frames.Format;
        var rescale = RescaleParameters.From(file.Dataset, format);
        // Stored values are decoded into a scratch frame, then converted straight into the destination.
        var scratch = ArrayPool<byte>.Shared.Rent(format.FrameLength);
        try
        {
            var stored = scratch.AsSpan(0, format.FrameLength);
            frames.DecodeFrame(0, stored);
            var repair = RescaleRepair.Apply(format, rescale, stored);
            HounsfieldConverter.Convert(stored, format, repair.Rescale, destination);
            return repair;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
