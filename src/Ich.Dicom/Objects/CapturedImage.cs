namespace Ich.Dicom.Objects;

/// <summary>The 8-bit pixels of a Secondary Capture image: RGB interleaved (R, G, B per pixel) or MONOCHROME2 grey.</summary>
public sealed class CapturedImage
{
    private CapturedImage(int rows, int columns, int samplesPerPixel, string photometricInterpretation, byte[] pixels)
    {
        Rows = rows;
        Columns = columns;
        SamplesPerPixel = samplesPerPixel;
        PhotometricInterpretation = photometricInterpretation;
        Pixels = pixels;
    }

    /// <summary>Rows (0028,0010).</summary>
    public int Rows { get; }

    /// <summary>Columns (0028,0011).</summary>
    public int Columns { get; }

    /// <summary>Samples per Pixel (0028,0002): 3 for RGB, 1 for grey.</summary>
    public int SamplesPerPixel { get; }

    /// <summary>Photometric Interpretation (0028,0004): RGB or MONOCHROME2.</summary>
    public string PhotometricInterpretation { get; }

    /// <summary>The pixel bytes, row by row (a copy of the caller's).</summary>
    internal byte[] Pixels { get; }

    /// <summary>An RGB image from interleaved bytes R, G, B, R, G, B, … (Planar Configuration 0).</summary>
    /// <exception cref="ArgumentException">The size is out of range or the byte count is not rows × columns × 3.</exception>
    public static CapturedImage Rgb(int rows, int columns, ReadOnlySpan<byte> interleavedRgb) =>
        new(rows, columns, 3, "RGB", Copy(rows, columns, 3, interleavedRgb));

    /// <summary>A grey image (MONOCHROME2: 0 is black) from one byte per pixel.</summary>
    /// <exception cref="ArgumentException">The size is out of range or the byte count is not rows × columns.</exception>
    public static CapturedImage Monochrome(int rows, int columns, ReadOnlySpan<byte> grey) =>
        new(rows, columns, 1, "MONOCHROME2", Copy(rows, columns, 1, grey));

    private static byte[] Copy(int rows, int columns, int samples, ReadOnlySpan<byte> pixels)
    {
        if (rows is < 1 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(rows), rows, "Rows must be 1-65535.");
        if (columns is < 1 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(columns), columns, "Columns must be 1-65535.");
        var expected = (long)rows * columns * samples;
        if (pixels.Length != expected)
        {
            throw new ArgumentException($"{pixels.Length} bytes given for a {rows} x {columns} image with {samples} sample(s) per pixel, which needs {expected}.", nameof(pixels));
        }
        return pixels.ToArray();
    }
}
