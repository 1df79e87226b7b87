using SkiaSharp;

namespace Ich.Phantoms.Output;

/// <summary>One tile of a montage: a slice of a study and a caption.</summary>
/// <param name="Study">The study.</param>
/// <param name="Slice">Slice index.</param>
/// <param name="Caption">Text drawn under the tile in capitals (letters, digits, space, + - /); no patient data.</param>
public sealed record MontageTile(PhantomStudy Study, int Slice, string Caption);

/// <summary>Draws slices in a CT window as a PNG montage, so a person can judge the phantoms by eye.</summary>
public static class MontageRenderer
{
    /// <summary>Brain window centre, HU.</summary>
    public const float BrainWindowCentre = 40f;

    /// <summary>Brain window width, HU.</summary>
    public const float BrainWindowWidth = 80f;

    /// <summary>Writes a PNG montage of <paramref name="tiles"/>, <paramref name="columns"/> per row.</summary>
    /// <param name="tiles">The slices to show.</param>
    /// <param name="columns">Tiles per row.</param>
    /// <param name="tileSize">Side of each tile in pixels (slices are resampled to it).</param>
    /// <param name="output">Where the PNG goes.</param>
    /// <param name="windowCentre">Window centre, HU.</param>
    /// <param name="windowWidth">Window width, HU.</param>
    /// <exception cref="ArgumentException">No tiles, or a tile's slice is out of range.</exception>
    public static void WritePng(IReadOnlyList<MontageTile> tiles, int columns, int tileSize, Stream output,
        float windowCentre = BrainWindowCentre, float windowWidth = BrainWindowWidth)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(output);
        if (tiles.Count == 0) throw new ArgumentException("A montage needs at least one tile.", nameof(tiles));
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, 32);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(windowWidth, 0f);
        foreach (var t in tiles)
        {
            if (t.Slice < 0 || t.Slice >= t.Study.Geometry.SliceCount)
                throw new ArgumentException($"Slice {t.Slice} is outside the study's {t.Study.Geometry.SliceCount} slices.", nameof(tiles));
        }

        const int captionHeight = 22;
        var rows = (tiles.Count + columns - 1) / columns;
        var width = columns * tileSize;
        var height = rows * (tileSize + captionHeight);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            using var paint = new SKPaint { Color = new SKColor(230, 230, 120), IsAntialias = false };
            for (var i = 0; i < tiles.Count; i++)
            {
                var x = i % columns * tileSize;
                var y = i / columns * (tileSize + captionHeight);
                using var tile = WindowedSlice(tiles[i], windowCentre, windowWidth);
                canvas.DrawImage(tile, new SKRect(x, y, x + tileSize, y + tileSize), new SKSamplingOptions(SKCubicResampler.Mitchell));
                CaptionFont.Draw(canvas, tiles[i].Caption, x + 4, y + tileSize + 4, 2, paint);
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(output);
    }

    private static SKImage WindowedSlice(MontageTile tile, float centre, float width)
    {
        var n = tile.Study.Geometry.Matrix;
        var hu = tile.Study.Slices[tile.Slice];
        var pixels = new byte[n * n];
        var low = centre - width / 2f;
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp((hu[i] - low) / width * 255f + 0.5f, 0f, 255f);
        }
        var info = new SKImageInfo(n, n, SKColorType.Gray8, SKAlphaType.Opaque);
        return SKImage.FromPixelCopy(info, pixels, n);
    }
}
