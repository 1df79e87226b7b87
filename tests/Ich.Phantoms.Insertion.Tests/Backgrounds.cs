using Ich.Phantoms.Insertion.Analysis;
using Ich.Phantoms.Insertion.Backgrounds;

namespace Ich.Phantoms.Insertion.Tests;

/// <summary>The backgrounds the tests share: a generated normal phantom head (fast) and Debian's real one.</summary>
internal static class Backgrounds
{
    public const string CraniumPath = "/usr/share/doc/invesalius-examples/examples/Cranium.inv3";

    // On the generator's reference scanner (5 mm, untilted, true calibration and contrast), so the tests measure the
    // inserter, not a drawn scanner's offset.
    private static readonly Lazy<HeadVolume> PhantomVolume = new(() =>
        BackgroundReader.FromPhantom(new PhantomGenerator(3, new PhantomOptions
        {
            Hemorrhage = false, Matrix = 128, SliceThicknessMm = 5f, GantryTiltDegrees = 0f, CalibrationOffsetHu = 0f, GreyWhiteContrast = 1f,
        }).Generate(0), "phantom:seed-3/study-0"));

    private static readonly Lazy<HeadBackground> PhantomHead = new(() =>
        HeadAnalyzer.Analyze(PhantomVolume.Value).Background ?? throw new InvalidOperationException("The phantom background was refused."));

    public static HeadVolume Phantom => PhantomVolume.Value;

    public static HeadBackground PhantomBackground => PhantomHead.Value;

    /// <summary>The real head; fails with the package to install when it is missing.</summary>
    public static string RequireCranium()
    {
        Assert.True(File.Exists(CraniumPath),
            $"{CraniumPath} is missing: install the Debian package 'invesalius-examples' (apt-get install -y invesalius-examples; build.sh does so when root).");
        return CraniumPath;
    }

    public static HeadVolume With(HeadVolume v, Func<int, int, int, short, short> change, int? depth = null, int? width = null, int xOffset = 0)
    {
        var d = depth ?? v.Depth;
        var w = width ?? v.Width;
        var hu = new short[w * v.Height * d];
        for (var z = 0; z < d; z++)
        for (var y = 0; y < v.Height; y++)
        for (var x = 0; x < w; x++)
            hu[(z * v.Height + y) * w + x] = change(x + xOffset, y, z, v.Hounsfield[v.Index(x + xOffset, y, z)]);
        return new HeadVolume(v.Identity + "+edited", w, v.Height, d, v.PixelSpacingMm, v.SliceSpacingMm, hu);
    }
}
