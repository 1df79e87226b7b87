using Ich.Phantoms.Anatomy;
using Ich.Phantoms.Rendering;
using Xunit.Abstractions;

namespace Ich.Phantoms.Tests;

/// <summary>
/// Volumes against published adult norms, for several generator settings (thin and thick slices, gantry tilt, both
/// training matrices): intracranial volume 1,289 ± 111 ml in women and 1,469 ± 102 ml in men, cranial CSF about
/// 11 % of it on average and more with age (Matsumae et al., J Neurosurg 1996;84:982–991); total ventricular volume
/// 25 ± 12 ml (Table 1 of PMC10511609, 133 adults). Measured from the per-voxel truth maps of noise-free studies.
/// </summary>
public sealed class AdultNormsTests(ITestOutputHelper log)
{
    public static TheoryData<float, int, float> Settings => new()
    {
        { 5f, 128, 0f },
        { 1.25f, 128, 0f },
        { 2.5f, 128, 25f },
        { 5f, 256, -15f },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void IntracranialCsfAndVentricularVolumes_LieInAdultRanges(float thickness, int matrix, float tilt)
    {
        var generator = new PhantomGenerator(4242, new PhantomOptions
        {
            Matrix = matrix, SliceThicknessMm = thickness, GantryTiltDegrees = tilt, Hemorrhage = false, NoiseFree = true,
        });
        var subjects = new List<(int Age, string Sex, double Icv, double CsfShare, double Ventricles)>();
        for (var i = 0; i < 6; i++)
        {
            var diagnostics = new List<SliceDiagnostics>();
            var study = generator.Generate(i, diagnostics);
            var g = study.Geometry;
            var basePixel = g.PixelSpacingMm * (g.Matrix / diagnostics[0].Matrix);
            var voxelMl = basePixel * basePixel * g.SliceThicknessMm / 1000.0;
            double intracranial = 0, csf = 0, ventricles = 0;
            foreach (var t in diagnostics.SelectMany(d => d.Tissue).Select(t => (Tissue)t))
            {
                if (!t.IsIntracranial()) continue;
                intracranial++;
                if (t is Tissue.Ventricle) ventricles++;
                if (t is Tissue.Ventricle || t.IsSubarachnoidCsf()) csf++;
            }
            subjects.Add((study.Subject.AgeYears, study.Subject.Sex, intracranial * voxelMl, csf / intracranial, ventricles * voxelMl));
        }
        foreach (var s in subjects)
            log.WriteLine($"{thickness} mm, {matrix}², tilt {tilt}°: age {s.Age} {s.Sex}: ICV {s.Icv:0} ml, CSF {s.CsfShare:P1}, ventricles {s.Ventricles:0} ml");

        // Mean ± 3 SD of the norms, widened a little for partial volume of the truth maps at coarse voxels.
        Assert.All(subjects, s => Assert.InRange(s.Icv, 1000, 1900));
        Assert.All(subjects, s => Assert.InRange(s.CsfShare, 0.04, 0.40));
        Assert.All(subjects, s => Assert.InRange(s.Ventricles, 4, 90));
        var median = subjects.Select(s => s.Icv).Order().ElementAt(subjects.Count / 2);
        Assert.InRange(median, 1150, 1650);
    }
}
