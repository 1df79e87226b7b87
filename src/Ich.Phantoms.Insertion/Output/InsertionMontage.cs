using Ich.Phantoms.Insertion.Insertion;
using Ich.Phantoms.Output;
using SkiaSharp;

namespace Ich.Phantoms.Insertion.Output;

/// <summary>A before/after montage: for each study, the slice where its bleeds are largest, with the bleed and without (its twin).</summary>
public static class InsertionMontage
{
    /// <summary>Writes a PNG in the brain window (W80/L40): two tiles per study, with and without the bleed.</summary>
    /// <exception cref="ArgumentException">No study has a bleed.</exception>
    public static void WritePng(IReadOnlyList<InsertedStudy> studies, Stream output, int tileSize = 256)
    {
        ArgumentNullException.ThrowIfNull(studies);
        ArgumentNullException.ThrowIfNull(output);
        var positives = studies.Where(s => s.HasHemorrhage).ToList();
        if (positives.Count == 0) throw new ArgumentException("A before/after montage needs a study with a bleed.", nameof(studies));
        const int captionHeight = 22;
        const int columns = 4;
        var rows = (positives.Count * 2 + columns - 1) / columns;
        using var bitmap = new SKBitmap(new SKImageInfo(columns * tileSize, rows * (tileSize + captionHeight), SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            using var paint = new SKPaint { Color = new SKColor(230, 230, 120), IsAntialias = false };
            var tile = 0;
            foreach (var study in positives)
            {
                var slice = Enumerable.Range(0, study.Slices.Count).MaxBy(j => study.LesionMasks[j].Count(m => m != 0));
                var name = string.Join('+', study.Lesions.Select(l => Short(l.Subtype)).Distinct());
                foreach (var (pixels, caption) in new[] { (study.Slices[slice], name), (study.TwinSlices[slice], "TWIN") })
                {
                    var x = tile % columns * tileSize;
                    var y = tile / columns * (tileSize + captionHeight);
                    using var image = Windowed(pixels, study.Width, study.Height);
                    canvas.DrawImage(image, new SKRect(x, y, x + tileSize, y + tileSize), new SKSamplingOptions(SKCubicResampler.Mitchell));
                    CaptionFont.Draw(canvas, caption, x + 4, y + tileSize + 4, 2, paint);
                    tile++;
                }
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(output);
    }

    private static string Short(HemorrhageSubtype s) => s switch
    {
        HemorrhageSubtype.Epidural => "EDH",
        HemorrhageSubtype.Subdural => "SDH",
        HemorrhageSubtype.Subarachnoid => "SAH",
        HemorrhageSubtype.Intraventricular => "IVH",
        _ => "IPH",
    };

    private static SKImage Windowed(short[] hu, int width, int height)
    {
        var pixels = new byte[width * height];
        var low = MontageRenderer.BrainWindowCentre - MontageRenderer.BrainWindowWidth / 2f;
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Clamp((hu[i] - low) / MontageRenderer.BrainWindowWidth * 255f + 0.5f, 0f, 255f);
        return SKImage.FromPixelCopy(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque), pixels, width);
    }
}
