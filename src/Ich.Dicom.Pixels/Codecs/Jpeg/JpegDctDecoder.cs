using JpegLibrary;

namespace Ich.Dicom.Pixels.Codecs.Jpeg;

/// <summary>
/// Decodes DCT-based JPEG (baseline 8-bit, extended 12-bit, progressive) with JpegLibrary 0.4.32, which is exact
/// up to ±1 against IJG libjpeg (lossy decoders differ in IDCT rounding). Subsampled chroma is re-upsampled the
/// way libjpeg does (<see cref="FancyUpsampler"/>). YCbCr is converted to RGB when the dataset says YBR_FULL or
/// YBR_FULL_422, as dcmtk's dcmdjpeg does by default (+cp): the decoded frame is then RGB whatever the header says.
/// </summary>
internal static class JpegDctDecoder
{
    /// <summary>Decodes <paramref name="data"/> into interleaved samples; returns the codestream's precision.</summary>
    public static int Decode(ReadOnlySpan<byte> data, PixelFormat format, ushort[] samples)
    {
        var decoder = new JpegDecoder();
        byte[] copy = data.ToArray(); // JpegLibrary reads from memory it can keep, not from a span
        decoder.SetInput(copy);
        try
        {
            decoder.Identify();
            if (decoder.Width != format.Columns || decoder.Height != format.Rows || decoder.NumberOfComponents != format.SamplesPerPixel)
            {
                throw new InvalidCodestreamException(
                    $"the frame header declares {decoder.Width}x{decoder.Height} pixels with {decoder.NumberOfComponents} component(s), but the dataset declares {format.Columns}x{format.Rows} with {format.SamplesPerPixel}.");
            }

            int precision = decoder.Precision;
            if (precision is not (8 or 12))
            {
                throw new InvalidCodestreamException($"the frame declares {precision}-bit samples; DCT-based JPEG allows 8 or 12.");
            }

            decoder.SetOutputWriter(new SampleGridWriter(samples, format.Columns, format.Rows, format.SamplesPerPixel, precision));
            decoder.Decode();
            UpsampleChroma(decoder, format, samples);
            if (format.SamplesPerPixel == 3 && format.PhotometricInterpretation.StartsWith("YBR_FULL", StringComparison.Ordinal))
            {
                YCbCrToRgb.ConvertInPlace(samples.AsSpan(0, format.PixelCount * 3), precision);
            }

            return precision;
        }
        catch (InvalidCodestreamException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or NotSupportedException
                                       or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // JpegLibrary signals corrupt data with several exception types; callers get one typed error.
            throw new InvalidCodestreamException($"the JPEG data is corrupt or truncated ({e.Message.TrimEnd('.')}).");
        }
    }

    private static void UpsampleChroma(JpegDecoder decoder, PixelFormat format, ushort[] samples)
    {
        int maxHorizontal = decoder.GetMaximumHorizontalSampling();
        int maxVertical = decoder.GetMaximumVerticalSampling();
        for (int c = 0; c < format.SamplesPerPixel; c++)
        {
            int horizontal = decoder.GetHorizontalSampling(c);
            int vertical = decoder.GetVerticalSampling(c);
            if (horizontal != maxHorizontal || vertical != maxVertical)
            {
                FancyUpsampler.Apply(
                    samples.AsSpan(0, format.PixelCount * format.SamplesPerPixel), format.Columns, format.Rows, format.SamplesPerPixel, c,
                    maxHorizontal / horizontal, maxVertical / vertical);
            }
        }
    }
}
