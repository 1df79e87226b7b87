using Ich.Phantoms.Insertion.Analysis;
using Ich.Phantoms.Insertion.Backgrounds;
using Ich.Phantoms.Insertion.Insertion;

namespace Ich.Phantoms.Insertion.Tests;

public sealed class HeadAnalyzerTests
{
    [Fact]
    public void Analyze_NormalPhantomHead_IsAcceptedWithPlausibleAnatomy()
    {
        var b = Backgrounds.PhantomBackground;

        Assert.InRange(b.IntracranialMl, 900, 1900);
        Assert.True(b.VentricleMl > 5, $"ventricles {b.VentricleMl} ml");
        Assert.InRange(b.MidlineColumn(b.Volume.Depth / 2), 54, 74);
        Assert.InRange(b.NoiseSdHu, 2, 9);
    }

    [Fact]
    public void Analyze_HeaderNamingAContrastAgent_IsRefused()
    {
        var v = Backgrounds.Phantom;
        var flagged = new HeadVolume(v.Identity, v.Width, v.Height, v.Depth, v.PixelSpacingMm, v.SliceSpacingMm, v.Hounsfield, contrastAgentRecorded: true);

        Assert.Equal(RefusalKind.ContrastGiven, HeadAnalyzer.Analyze(flagged).Refusal?.Kind);
    }

    [Fact]
    public void Analyze_DenseVesselsInsideTheSkull_AreRefusedAsContrast()
    {
        // Enhancing "vessels": a 12 mm wide bar of 200 HU through the middle of the brain on many slices.
        var v = Backgrounds.Phantom;
        var b = Backgrounds.PhantomBackground;
        var enhanced = Backgrounds.With(v, (x, y, z, hu) =>
            b.IsIntracranial(v.Index(x, y, z)) && Math.Abs(x - v.Width / 2) * v.PixelSpacingMm < 6 && Math.Abs(y - v.Height / 2) * v.PixelSpacingMm < 30 ? (short)180 : hu);

        Assert.Equal(RefusalKind.ContrastGiven, HeadAnalyzer.Analyze(enhanced).Refusal?.Kind);
    }

    [Fact]
    public void Analyze_WaterCylinder_IsNotAHead()
    {
        var v = Backgrounds.Phantom;
        var cylinder = Backgrounds.With(v, (x, y, _, _) => (x - 64) * (x - 64) + (y - 64) * (y - 64) < 45 * 45 ? (short)0 : (short)-1000);

        Assert.Equal(RefusalKind.NotAHead, HeadAnalyzer.Analyze(cylinder).Refusal?.Kind);
    }

    [Fact]
    public void Analyze_FewSlices_AreRefused()
    {
        var thin = Backgrounds.With(Backgrounds.Phantom, (_, _, _, hu) => hu, depth: 8);

        Assert.Equal(RefusalKind.TooFewSlices, HeadAnalyzer.Analyze(thin).Refusal?.Kind);
    }

    [Fact]
    public void Analyze_ScanStoppingBelowTheVertex_IsRefused()
    {
        var v = Backgrounds.Phantom;
        // The top 25 mm (5 mm slices) gone: the vertex is cut, and enough cavity is left that this is the reason.
        var cut = Backgrounds.With(v, (_, _, _, hu) => hu, depth: v.Depth - 5);

        Assert.Equal(RefusalKind.FieldOfViewCutsSkull, HeadAnalyzer.Analyze(cut).Refusal?.Kind);
    }

    [Fact]
    public void Analyze_FieldOfViewCuttingTheSide_IsRefused()
    {
        // Drop the 28 right-most columns: the skull is cut open at the edge of the image.
        var v = Backgrounds.Phantom;
        var b = Backgrounds.PhantomBackground;
        var rightmost = Enumerable.Range(0, v.Hounsfield.Length).Where(b.IsIntracranial).Max(i => i % v.Width);
        var cut = Backgrounds.With(v, (_, _, _, hu) => hu, width: rightmost - 4);

        var refusal = HeadAnalyzer.Analyze(cut).Refusal;
        Assert.True(refusal?.Kind is RefusalKind.FieldOfViewCutsSkull or RefusalKind.NotAHead, refusal?.ToString() ?? "accepted");
    }

    [Fact]
    public void Analyze_HeadWithAnInsertedEpiduralBleed_IsRefusedAsSuspectedBleed()
    {
        var inserter = new BleedInserter(Backgrounds.PhantomBackground, 11, new InsertionOptions
        {
            Hemorrhage = true, Subtypes = [HemorrhageSubtype.Epidural], SliceThicknessMm = 2.5f, MaxRotationDegrees = 0, MaxShiftMm = 0,
        });
        var study = inserter.Generate(0);
        var hu = study.Slices.SelectMany(s => s).ToArray();
        var bleeding = new HeadVolume("bleed", study.Width, study.Height, study.Slices.Count, study.PixelSpacingMm, study.SliceThicknessMm, hu);

        Assert.Equal(RefusalKind.SuspectedBleed, HeadAnalyzer.Analyze(bleeding).Refusal?.Kind);
    }
}
