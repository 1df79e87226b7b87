using Ich.Phantoms.Rendering;
using Xunit.Abstractions;

namespace Ich.Phantoms.Tests;

/// <summary>A twin pair is one subject with and without its lesions: the same pixels everywhere else.</summary>
public sealed class TwinTests(ITestOutputHelper log)
{
    private const long Seed = 808;

    public static TheoryData<int, int> Pairs => new()
    {
        { 128, 0 }, { 128, 1 }, { 128, 2 }, { 128, 3 }, { 128, 4 }, { 128, 5 }, { 128, 6 }, { 128, 7 }, { 512, 8 },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void TwinPair_DiffersOnlyWithinTheLesionsAndTheirMassEffect(int matrix, int index)
    {
        var positiveMaps = new List<SliceDiagnostics>();
        var freeMaps = new List<SliceDiagnostics>();
        var twins = new PhantomGenerator(Seed, new PhantomOptions { Matrix = matrix }).GenerateTwins(index, positiveMaps, freeMaps);
        var positive = twins.Positive;
        var free = twins.LesionFree;
        var massEffect = positive.Subject.MidlineShiftMm > 0f;
        var n = positive.Geometry.Matrix;
        var factor = n / positiveMaps[0].Matrix;
        // Blur reaches the kernel radius; 2× bilinear upsampling one base pixel further.
        var reach = KernelRadius(positive.Geometry.PixelSpacingMm * factor) + (factor > 1 ? 1 : 0);

        long compared = 0, differing = 0;
        for (var k = 0; k < positive.Geometry.SliceCount; k++)
        {
            var p = positiveMaps[k];
            var f = freeMaps[k];
            var affected = new byte[p.Matrix * p.Matrix];
            for (var i = 0; i < affected.Length; i++)
            {
                Assert.True(p.LesionMask[i] == 0 || p.LesionFootprint[i] != 0, $"Slice {k}: a labelled voxel outside the lesion footprint.");
                affected[i] = (byte)(p.LesionFootprint[i] | (massEffect ? p.Intracranial[i] | f.Intracranial[i] : 0));
            }
            var region = Dilate(affected, p.Matrix, reach);
            for (var row = 0; row < n; row++)
            {
                for (var col = 0; col < n; col++)
                {
                    var i = row * n + col;
                    if (positive.Slices[k][i] != free.Slices[k][i]) differing++;
                    if (region[row / factor * p.Matrix + col / factor] != 0) continue;
                    compared++;
                    Assert.True(positive.Slices[k][i] == free.Slices[k][i],
                        $"Slice {k} ({row}, {col}) differs ({positive.Slices[k][i]} vs {free.Slices[k][i]} HU) outside the lesions{(massEffect ? " and the brain" : "")}.");
                }
            }
        }

        log.WriteLine($"study {index} ({matrix}²): {positive.Subject.Lesions.Count} lesions, shift {positive.Subject.MidlineShiftMm:0.0} mm; {compared} pixels compared, {differing} differ");
        Assert.NotEmpty(positive.Subject.Lesions);
        Assert.True(differing > 0, "The lesions changed no pixel.");
        // Outside the brain at least (skull, scalp, air) is always compared.
        Assert.True(compared > positive.Geometry.SliceCount * (long)n * n / 4, $"Only {compared} pixels were compared.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void TwinPair_SharesGeometryArtefactsAndSubject_AndTheLesionFreeTwinHasNoPositiveSlice(int index)
    {
        var twins = new PhantomGenerator(Seed, new PhantomOptions { Matrix = 64 }).GenerateTwins(index);
        var (positive, free) = (twins.Positive, twins.LesionFree);

        Assert.Equal(positive.Geometry.SliceZ, free.Geometry.SliceZ);
        Assert.Equal(positive.Geometry.PixelSpacingMm, free.Geometry.PixelSpacingMm);
        Assert.Equal(positive.Geometry.SliceThicknessMm, free.Geometry.SliceThicknessMm);
        Assert.Equal(positive.Geometry.HeadCentre, free.Geometry.HeadCentre);
        Assert.Equal(positive.Geometry.HeadRotation, free.Geometry.HeadRotation);
        // Lists compare by reference in a record: compare them apart, the scalars through the record.
        Assert.Equal(positive.Subject with { Lesions = free.Subject.Lesions, MidlineShiftMm = 0f, Calcifications = free.Subject.Calcifications }, free.Subject);
        Assert.Equal(positive.Subject.Calcifications, free.Subject.Calcifications);
        Assert.True(positive.Labels.SubjectAny);
        Assert.Empty(free.Subject.Lesions);
        Assert.Empty(free.LesionVoxels);
        Assert.Equal(0f, free.Subject.MidlineShiftMm);
        Assert.All(Enumerable.Range(0, free.Labels.SliceCount), k => Assert.Equal(0, free.Labels.Mask(k)));
    }

    [Fact]
    public void Twins_AreTheCohortsOwnStudies_WithHemorrhageDrawnForHealthySubjects()
    {
        var options = new PhantomOptions { Matrix = 64 };
        var generator = new PhantomGenerator(Seed, options);
        var studies = Enumerable.Range(0, 6).Select(generator.Generate).ToList();
        Assert.Contains(studies, s => s.Labels.SubjectAny);
        Assert.Contains(studies, s => !s.Labels.SubjectAny);

        for (var i = 0; i < studies.Count; i++)
        {
            var twins = generator.GenerateTwins(i);
            // A drawn-positive subject is its own positive twin; a drawn-healthy one is its own lesion-free twin.
            var same = studies[i].Labels.SubjectAny ? twins.Positive : twins.LesionFree;
            Assert.Equal(studies[i].Slices, same.Slices);
            Assert.NotEmpty(twins.Positive.Subject.Lesions);
        }
    }

    [Fact]
    public void EveryLesionOfACohort_HasLabelledVoxels()
    {
        var generator = new PhantomGenerator(31, new PhantomOptions { Matrix = 64, Hemorrhage = true, NoiseFree = true });

        foreach (var study in generator.Cohort(60))
        {
            Assert.Equal(study.Subject.Lesions.Count, study.LesionVoxels.Count);
            for (var l = 0; l < study.LesionVoxels.Count; l++)
                Assert.True(study.LesionVoxels[l] > 0, $"Study {study.Subject.StudyIndex}: {study.Subject.Lesions[l]} is drawn but unlabelled.");
        }
    }

    private static int KernelRadius(float baseSpacingMm) =>
        Math.Max(1, (int)MathF.Ceiling(2.5f * ScannerSettings.SmoothPointSpreadSigmaMm / baseSpacingMm)); // the widest kernel the scanner draws

    private static byte[] Dilate(byte[] mask, int n, int r)
    {
        var result = new byte[mask.Length];
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < n; col++)
            {
                if (mask[row * n + col] == 0) continue;
                for (var y = Math.Max(0, row - r); y <= Math.Min(n - 1, row + r); y++)
                {
                    for (var x = Math.Max(0, col - r); x <= Math.Min(n - 1, col + r); x++) result[y * n + x] = 1;
                }
            }
        }
        return result;
    }
}
