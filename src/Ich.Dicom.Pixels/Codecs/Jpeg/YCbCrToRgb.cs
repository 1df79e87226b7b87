namespace Ich.Dicom.Pixels.Codecs.Jpeg;

/// <summary>
/// Converts full-range YCbCr (JFIF, DICOM YBR_FULL / YBR_FULL_422) to RGB with the same fixed-point tables as the
/// IJG libjpeg that dcmtk and pydicom's decoders use (jdcolor.c: 16 fraction bits, rounded), so our colour output
/// matches theirs instead of differing by float rounding.
/// </summary>
internal static class YCbCrToRgb
{
    private const int ScaleBits = 16;
    private const int Half = 1 << (ScaleBits - 1);
    private static readonly int CrToR = Fix(1.40200);
    private static readonly int CbToB = Fix(1.77200);
    private static readonly int CrToG = Fix(0.71414);
    private static readonly int CbToG = Fix(0.34414);

    /// <summary>Converts interleaved YCbCr samples of <paramref name="precision"/> bits to RGB in place.</summary>
    public static void ConvertInPlace(Span<ushort> samples, int precision)
    {
        int center = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        for (int i = 0; i + 2 < samples.Length; i += 3)
        {
            int y = samples[i];
            long cb = samples[i + 1] - center;
            long cr = samples[i + 2] - center;
            int r = y + (int)(((CrToR * cr) + Half) >> ScaleBits);
            int g = y + (int)(((-CbToG * cb) + Half - (CrToG * cr)) >> ScaleBits);
            int b = y + (int)(((CbToB * cb) + Half) >> ScaleBits);
            samples[i] = (ushort)Math.Clamp(r, 0, max);
            samples[i + 1] = (ushort)Math.Clamp(g, 0, max);
            samples[i + 2] = (ushort)Math.Clamp(b, 0, max);
        }
    }

    private static int Fix(double x) => (int)((x * (1 << ScaleBits)) + 0.5);
}
