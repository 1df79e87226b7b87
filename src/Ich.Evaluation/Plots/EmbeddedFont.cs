using SkiaSharp;

namespace Ich.Evaluation.Plots;

/// <summary>
/// Serves the embedded DejaVu Sans to ScottPlot for every font request. SkiaSharp's NoDependencies native build
/// (the one the repository pins) has no fontconfig and sees no system fonts, so without this every label and
/// legend renders blank.
/// </summary>
internal sealed class EmbeddedFont : ScottPlot.IFontResolver
{
    public const string FamilyName = "DejaVu Sans";

    private static readonly Lazy<SKData> FontData = new(LoadFontData);
    private static readonly Lock RegisterLock = new();
    private static bool _registered;

    /// <summary>Adds the resolver to ScottPlot's list once per process.</summary>
    public static void Register()
    {
        lock (RegisterLock)
        {
            if (!_registered)
            {
                ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFont());
                _registered = true;
            }
        }
    }

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => SKTypeface.FromData(FontData.Value);

    public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing width) =>
        SKTypeface.FromData(FontData.Value);

    private static SKData LoadFontData()
    {
        using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream("Ich.Evaluation.Plots.Fonts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The embedded font resource is missing from Ich.Evaluation.");
        return SKData.Create(stream);
    }
}
