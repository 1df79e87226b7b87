using Ich.Evaluation.Plots;
using Ich.Evaluation.Tests.Reports;
using SkiaSharp;

namespace Ich.Evaluation.Tests.Plots;

public class RocPlotTests
{
    private static SKBitmap RenderSubjectLevel(int width, int height)
    {
        var png = RocPlot.RenderPng(EvaluationReportTests.SampleReport().Subject, "Subject level", width, height);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        return SKBitmap.Decode(png) ?? throw new InvalidOperationException("The PNG does not decode.");
    }

    [Fact]
    public void RenderPng_DecodesAtTheRequestedSize()
    {
        using var bitmap = RenderSubjectLevel(640, 480);

        Assert.Equal(640, bitmap.Width);
        Assert.Equal(480, bitmap.Height);
    }

    [Fact]
    public void RenderPng_DrawsTheFirstLabelInTheFirstPaletteColour()
    {
        // "any" is the first series: Category10's first colour, #1f77b4.
        using var bitmap = RenderSubjectLevel(640, 480);

        Assert.True(CountPixels(bitmap, c => Near(c, 0x1f, 0x77, 0xb4)) > 200);
    }

    [Fact]
    public void RenderPng_RendersTheTitleText()
    {
        // The band above the data area holds only the title: dark pixels there are glyphs, which needs the
        // embedded font (SkiaSharp's NoDependencies build sees no system fonts).
        using var bitmap = RenderSubjectLevel(640, 480);

        var darkInTitleBand = CountPixels(bitmap, (x, y, c) => y < 30 && x > 200 && x < 440 && c.Red < 100 && c.Green < 100 && c.Blue < 100);
        Assert.True(darkInTitleBand > 50, $"{darkInTitleBand} dark pixels in the title band");
    }

    private static bool Near(SKColor c, byte r, byte g, byte b) =>
        Math.Abs(c.Red - r) < 12 && Math.Abs(c.Green - g) < 12 && Math.Abs(c.Blue - b) < 12;

    private static int CountPixels(SKBitmap bitmap, Func<SKColor, bool> match) => CountPixels(bitmap, (_, _, c) => match(c));

    private static int CountPixels(SKBitmap bitmap, Func<int, int, SKColor, bool> match)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (match(x, y, bitmap.GetPixel(x, y)))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
