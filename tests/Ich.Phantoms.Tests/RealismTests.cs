using System.Numerics;
using Ich.Phantoms.Anatomy;
using Ich.Phantoms.Rendering;
using Xunit.Abstractions;

namespace Ich.Phantoms.Tests;

/// <summary>
/// Measures a generated 512² study against figures from real non-contrast head CT at 5 mm with a soft-tissue
/// kernel (the realism targets of the phantom issue).
/// </summary>
public sealed class RealismTests(RealismFixture fixture, ITestOutputHelper log) : IClassFixture<RealismFixture>
{
    [Fact]
    public void WhiteMatterNoise_HasClinicalStandardDeviationAndKernelCorrelation()
    {
        var (sd, rho1, lengthMm) = MeasureNoise();
        log.WriteLine($"noise SD {sd:0.00} HU, neighbour correlation {rho1:0.00}, 1/e correlation length {lengthMm:0.00} mm");
        Assert.InRange(sd, 3.0, 6.0);
        Assert.InRange(rho1, 0.3, 0.7);
        Assert.InRange(lengthMm, 0.7, 1.0);
    }

    [Fact]
    public void InnerTable_RisesFromBrainToBoneOverAboutTwoMillimetres()
    {
        var (rise, rim) = MeasureInnerTable();
        log.WriteLine($"inner table 10-90 % rise {rise:0.00} mm; {rim} profile samples in the 50-90 HU rim");
        Assert.InRange(rise, 1.4, 2.8);
        Assert.True(rim > 0, "Bone should partial-volume into the 50-90 HU range next to the brain.");
    }

    [Fact]
    public void TemporalScalp_IsAMuscleBandAgainstTheBone_ThickerThanTheOccipitalScalp()
    {
        // Real temporal scalp at the level of the lateral ventricles is 7–9 mm of 45–77 HU (the temporalis) right
        // against the squama. A detector that never saw a dense band outside the skull reads one as an extra-axial bleed.
        var slice = fixture.SliceAtHeadHeight(10f);
        var left = BandOutsideSkull(slice, 10f, Vector3.UnitX);
        var right = BandOutsideSkull(slice, 10f, -Vector3.UnitX);
        var back = BandOutsideSkull(slice, 10f, Vector3.UnitY);
        log.WriteLine($"dense band outside the skull: left {left.Mm:0.0} mm at {left.MedianHu:0} HU, right {right.Mm:0.0} mm at {right.MedianHu:0} HU, occiput {back.Mm:0.0} mm");
        foreach (var side in new[] { left, right })
        {
            Assert.InRange(side.Mm, 4.0, 16.0);
            Assert.InRange(side.MedianHu, 45.0, 75.0);
        }
        Assert.True(Math.Min(left.Mm, right.Mm) > back.Mm, "The temporal scalp should be thicker than the occipital scalp at the same level.");
    }

    /// <summary>Width and median HU of the 30–90 HU band that begins where the outer table blurs out.</summary>
    private (double Mm, double MedianHu) BandOutsideSkull(int slice, float headZ, Vector3 direction)
    {
        var profile = RealismFixture.Profile(fixture.NoiseFree, slice, headZ, direction, 40f, 130f, 0.1f);
        var outer = Array.FindLastIndex(profile, v => v > 300f);
        var start = Array.FindIndex(profile, outer, v => v < 90f);
        var band = profile[start..].TakeWhile(v => v >= 30f).ToArray();
        return (band.Length * 0.1, band.Length == 0 ? double.NaN : RealismFixture.Median(band));
    }

    [Fact]
    public void GreyWhiteContrast_IsSixToTenHu()
    {
        var contrast = MeasureGreyWhite();
        log.WriteLine($"grey-white contrast {contrast:0.0} HU");
        Assert.InRange(contrast, 6.0, 10.0);
    }

    [Fact]
    public void Skull_IsFiveToEightMillimetresThick()
    {
        // Occipital vault at the widest level, where the skull is perpendicular to the slice (as a reader measures it).
        var slice = fixture.SliceAtHeadHeight(5f);
        var profile = RealismFixture.Profile(fixture.NoiseFree, slice, 5f, Vector3.UnitY, 40f, 130f, 0.1f);
        var thickness = profile.Count(v => v > 300f) * 0.1f;
        log.WriteLine($"occipital skull {thickness:0.0} mm above 300 HU (drawn {fixture.Noisy.Subject.SkullThicknessMm:0.0} mm)");
        Assert.InRange(thickness, 5.0f, 8.0f);
    }

    [Fact]
    public void Ventricles_AreFiveToFifteenPercentOfIntracranialAreaAtTheirLargest()
    {
        var ratio = fixture.Diagnostics.Max(d =>
        {
            var ventricle = d.Tissue.Count(t => t == (byte)Tissue.Ventricle);
            var intracranial = d.Tissue.Count(t => ((Tissue)t).IsIntracranial());
            return intracranial == 0 ? 0 : ventricle / (double)intracranial;
        });
        log.WriteLine($"ventricle / intracranial area at the largest: {ratio:P1} (atrophy {fixture.Noisy.Subject.Atrophy:0.00})");
        Assert.InRange(ratio, 0.05, 0.15);
    }

    [Fact]
    public void Ventricles_WidenWithAgeWithinFiveToFifteenPercent()
    {
        var generator = new PhantomGenerator(RealismFixture.Seed,
            RealismFixture.OnReferenceScanner(new PhantomOptions { Matrix = 128, SliceThicknessMm = 5f, Hemorrhage = false, NoiseFree = true }));
        var subjects = Enumerable.Range(0, 8).Select(i =>
        {
            var diagnostics = new List<SliceDiagnostics>();
            var study = generator.Generate(i, diagnostics);
            return (Age: study.Subject.AgeYears, Ratio: diagnostics.Max(VentricleRatio));
        }).ToList();
        foreach (var (age, ratio) in subjects) log.WriteLine($"age {age}: ventricles {ratio:P1} of intracranial area");

        Assert.All(subjects, s => Assert.InRange(s.Ratio, 0.05, 0.15));
        var old = subjects.Where(s => s.Age >= 60).Select(s => s.Ratio).DefaultIfEmpty(double.NaN).Average();
        var young = subjects.Where(s => s.Age < 45).Select(s => s.Ratio).DefaultIfEmpty(double.NaN).Average();
        Assert.True(old > young, $"Older subjects' ventricles ({old:P1}) should exceed younger ones' ({young:P1}).");
    }

    private static double VentricleRatio(SliceDiagnostics d)
    {
        var ventricle = d.Tissue.Count(t => t == (byte)Tissue.Ventricle);
        var intracranial = d.Tissue.Count(t => ((Tissue)t).IsIntracranial());
        return intracranial == 0 ? 0 : ventricle / (double)intracranial;
    }

    [Fact]
    public void Calcifications_AreDenserThanAnyBleed()
    {
        // The first healthy subject with a calcified pineal or choroid plexus. These sit deep in the brain, far
        // from bone, so anything over 100 HU there is calcification.
        var options = new PhantomOptions { Matrix = 256, SliceThicknessMm = 5f, Hemorrhage = false, NoiseFree = true };
        var generator = new PhantomGenerator(RealismFixture.Seed, options);
        var index = Enumerable.Range(0, 20).First(i => generator.Plan(i).Head is { } h && (h.HasPinealCalcification || h.HasChoroidCalcification));
        var study = generator.Generate(index);
        var g = study.Geometry;
        var peak = float.MinValue;
        for (var k = 0; k < g.SliceCount; k++)
        {
            for (var row = 0; row < g.Matrix; row++)
            {
                for (var col = 0; col < g.Matrix; col++)
                {
                    var head = g.PatientToHead(g.PixelToPatient(col, row, k));
                    if (MathF.Abs(head.X) < 30f && MathF.Abs(head.Y - 15f) < 30f && MathF.Abs(head.Z) < 20f)
                        peak = MathF.Max(peak, study[k, row, col]);
                }
            }
        }
        log.WriteLine($"study {index}: {string.Join(' ', study.Subject.Calcifications)}; peak deep density {peak:0} HU");
        Assert.True(peak > 100f, $"Peak deep density {peak:0} HU should exceed 100 HU (calcification).");
    }

    private (double Sd, double Rho1, double LengthMm) MeasureNoise()
    {
        // A white-matter patch of the centrum semiovale that is flat before noise.
        var slice = fixture.SliceAtHeadHeight(35f);
        var d = fixture.Diagnostics[slice];
        var patch = RealismFixture.Interior(d, Tissue.WhiteMatter, 6).First(i => Flat(d, i, 6));
        var n = d.Matrix;
        int baseRow = patch / n, baseCol = patch % n;
        // 24×24 output pixels (2× the base grid) centred on the patch.
        var rows = Enumerable.Range(2 * baseRow - 11, 24).ToArray();
        var cols = Enumerable.Range(2 * baseCol - 11, 24).ToArray();
        var study = fixture.Noisy;
        var values = rows.SelectMany(r => cols.Select(c => (double)study[slice, r, c])).ToArray();
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Average();

        double Correlation(int lag)
        {
            double sum = 0;
            var count = 0;
            foreach (var r in rows)
            {
                for (var c = cols[0]; c + lag <= cols[^1]; c++)
                {
                    sum += (study[slice, r, c] - mean) * (study[slice, r, c + lag] - mean);
                    count++;
                }
            }
            return sum / count / variance;
        }

        var correlations = Enumerable.Range(0, 6).Select(Correlation).ToArray();
        var spacing = study.Geometry.PixelSpacingMm;
        var target = 1 / Math.E;
        var length = double.NaN;
        for (var lag = 1; lag < correlations.Length; lag++)
        {
            if (correlations[lag] > target) continue;
            var f = (correlations[lag - 1] - target) / (correlations[lag - 1] - correlations[lag]);
            length = (lag - 1 + f) * spacing;
            break;
        }
        return (Math.Sqrt(variance), correlations[1], length);
    }

    private static bool Flat(SliceDiagnostics d, int centre, int r)
    {
        var n = d.Matrix;
        float min = float.MaxValue, max = float.MinValue;
        for (var dr = -r; dr <= r; dr++)
        {
            for (var dc = -r; dc <= r; dc++)
            {
                var v = d.NoiseFreeHu[centre + dr * n + dc];
                min = MathF.Min(min, v);
                max = MathF.Max(max, v);
            }
        }
        // White matter carries a smooth texture of a few HU (8 mm lattice); a patch within 2.5 HU adds well under
        // 1 HU of SD to the noise measured on it.
        return max - min < 2.5f;
    }

    private (double RiseMm, int RimSamples) MeasureInnerTable()
    {
        // Median over rays to the front, the back and both sides, away from the temporal squama, where the thinnest
        // bone is cortical throughout and blurs into one peak.
        var rays = new[] { Vector3.Normalize(new Vector3(1f, -1f, 0f)), Vector3.Normalize(new Vector3(-1f, -1f, 0f)), Vector3.Normalize(new Vector3(1f, 1f, 0f)), Vector3.Normalize(new Vector3(-1f, 1f, 0f)), -Vector3.UnitY }
            .Select(MeasureInnerTable).OrderBy(r => r.RiseMm).ToArray();
        return (rays[rays.Length / 2].RiseMm, rays.Sum(r => r.RimSamples));
    }

    private (double RiseMm, int RimSamples) MeasureInnerTable(Vector3 direction)
    {
        var slice = fixture.SliceAtHeadHeight(20f);
        var profile = RealismFixture.Profile(fixture.NoiseFree, slice, 20f, direction, 20f, 110f, 0.05f);
        // Brain plateau: 10-20 mm inside the first point that exceeds 300 HU.
        var bone = Array.FindIndex(profile, v => v > 300f);
        // The inner table's own peak (the first maximum past the brain), not the densest point of the vault: where
        // diploe separates the tables, the outer table can be denser and its rise is not the inner table's.
        var peakIndex = bone;
        while (peakIndex + 1 < profile.Length && profile[peakIndex + 1] >= profile[peakIndex]) peakIndex++;
        var brain = RealismFixture.Median(profile[(bone - 400)..(bone - 200)]);
        var peak = profile[peakIndex];
        var low = brain + 0.1 * (peak - brain);
        var high = brain + 0.9 * (peak - brain);
        var i10 = Array.FindLastIndex(profile, peakIndex, peakIndex + 1, v => v < low);
        var i90 = Array.FindIndex(profile, i10, v => v >= high);
        var rim = profile[(bone - 100)..bone].Count(v => v is >= 50f and <= 90f);
        return ((i90 - i10) * 0.05, rim);
    }

    private double MeasureGreyWhite()
    {
        // Deep grey matter (thalamus, lentiform, caudate) is large enough to measure away from partial volume.
        var grey = new List<float>();
        var white = new List<float>();
        foreach (var height in new[] { 0f, 5f, 10f, 20f, 30f })
        {
            var d = fixture.Diagnostics[fixture.SliceAtHeadHeight(height)];
            grey.AddRange(RealismFixture.Interior(d, Tissue.DeepGreyMatter, 2).Select(i => d.NoiseFreeHu[i]));
            white.AddRange(RealismFixture.Interior(d, Tissue.WhiteMatter, 3).Select(i => d.NoiseFreeHu[i]));
        }
        return RealismFixture.Median(grey) - RealismFixture.Median(white);
    }
}
