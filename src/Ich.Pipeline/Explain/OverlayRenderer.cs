using SkiaSharp;

namespace Ich.Pipeline.Explain;

/// <summary>
/// Renders a slice in the brain window (W80/L40) as greyscale, optionally with a heat colour map of a Grad-CAM
/// heatmap blended over it (as in Ye et al. 2019, Fig. 4), and encodes PNGs.
/// </summary>
public static class OverlayRenderer
{
    /// <summary>Brain window low edge, HU (L40 − W80/2).</summary>
    public const float WindowLowHu = 0f;

    /// <summary>Brain window width, HU.</summary>
    public const float WindowWidthHu = 80f;

    /// <summary>Heat below this share of the map's maximum is left transparent, so the anatomy stays readable.</summary>
    public const float HeatFloor = 0.15f;

    /// <summary>RGBA pixels (row-major) of <paramref name="hu"/> in the brain window with <paramref name="heat"/> (0…1, same size) blended over it when given.</summary>
    public static byte[] Render(ReadOnlySpan<float> hu, int width, int height, ReadOnlySpan<float> heat = default)
    {
        if (hu.Length != width * height) throw new ArgumentException($"{hu.Length} values are not {width}×{height}.", nameof(hu));
        if (!heat.IsEmpty && heat.Length != hu.Length) throw new ArgumentException("The heatmap is not the slice's size.", nameof(heat));
        var rgba = new byte[hu.Length * 4];
        for (var i = 0; i < hu.Length; i++)
        {
            var grey = Math.Clamp((hu[i] - WindowLowHu) / WindowWidthHu, 0f, 1f) * 255f;
            float r = grey, g = grey, b = grey;
            if (!heat.IsEmpty && heat[i] > HeatFloor)
            {
                var (hr, hg, hb) = Jet(heat[i]);
                var alpha = 0.25f + 0.45f * heat[i];
                r = r * (1 - alpha) + hr * alpha;
                g = g * (1 - alpha) + hg * alpha;
                b = b * (1 - alpha) + hb * alpha;
            }

            rgba[i * 4] = (byte)r;
            rgba[i * 4 + 1] = (byte)g;
            rgba[i * 4 + 2] = (byte)b;
            rgba[i * 4 + 3] = 255;
        }

        return rgba;
    }

    /// <summary>The jet colour of <paramref name="value"/> (0 blue … 1 red), 0…255 per channel.</summary>
    public static (float R, float G, float B) Jet(float value)
    {
        var v = Math.Clamp(value, 0f, 1f);
        float Channel(float centre) => Math.Clamp(1.5f - Math.Abs(4f * v - centre), 0f, 1f) * 255f;
        return (Channel(3f), Channel(2f), Channel(1f));
    }

    /// <summary>Encodes RGBA pixels as PNG.</summary>
    public static byte[] EncodePng(byte[] rgba, int width, int height)
    {
        // Explain writes a PNG per positive slice and label (dozens per series): zlib level 1 with the Sub filter is
        // several times faster than Skia's default and, on windowed CT, files grow only modestly. Lossless either way.
        using var bitmap = ToBitmap(rgba, width, height);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            ?? throw new InvalidOperationException("Skia could not encode the overlay as PNG.");
        return data.ToArray();
    }

    /// <summary>Decodes a PNG into RGB bytes (interleaved), as a DICOM Secondary Capture stores them.</summary>
    public static (byte[] Rgb, int Width, int Height) DecodeToRgb(string path)
    {
        using var decoded = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not a readable image.");
        using var bitmap = decoded.Copy(SKColorType.Rgba8888);
        var rgba = bitmap.Bytes;
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }

        return (rgb, bitmap.Width, bitmap.Height);
    }

    /// <summary>A grid of the PNGs at <paramref name="paths"/>, each scaled to <paramref name="tile"/> pixels, up to <paramref name="columns"/> a row.</summary>
    public static byte[] Montage(IReadOnlyList<string> paths, int tile = 256, int columns = 4)
    {
        if (paths.Count == 0) throw new ArgumentException("A montage needs at least one image.", nameof(paths));
        var cols = Math.Min(columns, paths.Count);
        var rows = (paths.Count + cols - 1) / cols;
        using var surface = SKSurface.Create(new SKImageInfo(cols * tile, rows * tile, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);
        using var paint = new SKPaint();
        for (var i = 0; i < paths.Count; i++)
        {
            using var image = SKImage.FromEncodedData(paths[i]) ?? throw new InvalidDataException($"{paths[i]} is not a readable image.");
            var target = SKRect.Create(i % cols * tile, i / cols * tile, tile, tile);
            canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Linear), paint);
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKBitmap ToBitmap(byte[] rgba, int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }
}
