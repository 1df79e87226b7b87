using Ich.Phantoms.Anatomy;
using Ich.Phantoms.Rendering;
using Xunit.Abstractions;

namespace Ich.Phantoms.Tests;

/// <summary>Lesions are visible in the brain window, labelled where they are, and absent from healthy subjects.</summary>
public sealed class LesionTests(ITestOutputHelper log)
{
    private const int Matrix = 128;
    private static readonly int[] Studies = [.. Enumerable.Range(0, 10)];

    public static TheoryData<int> StudyIndices => [.. Studies];

    [Theory]
    [MemberData(nameof(StudyIndices))]
    public void HealthySubject_HasNoPositiveSlice(int index)
    {
        var study = new PhantomGenerator(11, new PhantomOptions { Matrix = Matrix, Hemorrhage = false }).Generate(index);

        Assert.Empty(study.Subject.Lesions);
        Assert.False(study.Labels.SubjectAny);
        Assert.All(Enumerable.Range(0, study.Labels.SliceCount), k => Assert.Equal(0, study.Labels.Mask(k)));
    }

    [Theory]
    [MemberData(nameof(StudyIndices))]
    public void EveryLesion_IsLabelledOnAtLeastOneSlice(int index)
    {
        var study = new PhantomGenerator(12, new PhantomOptions { Matrix = Matrix, Hemorrhage = true }).Generate(index);

        Assert.NotEmpty(study.Subject.Lesions);
        Assert.True(study.Labels.SubjectAny);
        for (var l = 0; l < study.Subject.Lesions.Count; l++)
        {
            var lesion = study.Subject.Lesions[l];
            Assert.True(study.LesionVoxels[l] > 0, $"{lesion} has no labelled voxel.");
            Assert.True(study.Labels.Subject(lesion.Subtype), $"{lesion} is missing from the subject labels.");
        }
        // Subject labels are exactly the subtypes drawn.
        foreach (var subtype in HemorrhageSubtypes.All)
        {
            Assert.Equal(study.Subject.Lesions.Any(x => x.Subtype == subtype), study.Labels.Subject(subtype));
        }
    }

    [Theory]
    [MemberData(nameof(StudyIndices))]
    public void EveryLesion_StandsTenHuAboveItsSurroundingsBeforeNoise(int index)
    {
        var diagnostics = new List<SliceDiagnostics>();
        var study = new PhantomGenerator(13, new PhantomOptions { Matrix = Matrix, Hemorrhage = true, NoiseFree = true }).Generate(index, diagnostics);

        foreach (var subtype in study.Subject.Lesions.Select(l => l.Subtype).Distinct())
        {
            var inside = new List<float>();
            var around = new List<float>();
            foreach (var d in diagnostics) Collect(d, subtype.Bit(), inside, around);
            var contrast = RealismFixture.Median(inside) - RealismFixture.Median(around);
            log.WriteLine($"study {index} {subtype}: lesion {RealismFixture.Median(inside):0} HU, surroundings {RealismFixture.Median(around):0} HU, contrast {contrast:0.0} HU");
            // Older subdurals differ the other way (chronic: darker) or by less (subacute): they must still show.
            var older = study.Subject.Lesions.Any(l => l.Subtype == subtype && (l.Form.Contains("chronic", StringComparison.Ordinal) || l.Form.Contains("subacute", StringComparison.Ordinal)));
            if (older) Assert.True(Math.Abs(contrast) >= 5, $"{subtype} (older) differs only {contrast:0.0} HU from its surroundings.");
            else Assert.True(contrast >= 10, $"{subtype} stands only {contrast:0.0} HU above its surroundings.");
        }
    }

    [Theory]
    [MemberData(nameof(StudyIndices))]
    public void LabelledSlice_DiffersFromTheSameHeadWithoutHemorrhage(int index)
    {
        // Same seed and index: the same anatomy and noise, with and without the lesions.
        var options = new PhantomOptions { Matrix = Matrix, NoiseFree = true };
        var with = new PhantomGenerator(14, options with { Hemorrhage = true }).Generate(index);
        var without = new PhantomGenerator(14, options with { Hemorrhage = false }).Generate(index);

        for (var k = 0; k < with.Geometry.SliceCount; k++)
        {
            // Absolute: chronic subdurals are darker than what they cover, acute blood brighter.
            var maxDifference = Enumerable.Range(0, with.Slices[k].Length).Max(i => Math.Abs(with.Slices[k][i] - without.Slices[k][i]));
            if (with.Labels.Any(k))
            {
                Assert.True(maxDifference >= 10, $"Slice {k} is labelled but the lesion changes it by only {maxDifference} HU ({string.Join("; ", with.Subject.Lesions)}).");
            }
            else if (with.Subject.MidlineShiftMm == 0 && !Near(with.Labels, k))
            {
                Assert.True(maxDifference == 0 || with.Subject.Lesions.Any(l => l.Subtype == HemorrhageSubtype.Intraparenchymal),
                    $"Slice {k} is unlabelled, two slices from any lesion, yet differs by {maxDifference} HU.");
            }
        }
    }

    [Fact]
    public void Cohort_DrawsContusionsAndSubduralsOfEveryAge_AndAChronicSubduralIsHypodense()
    {
        var generator = new PhantomGenerator(15, new PhantomOptions { Matrix = Matrix, Hemorrhage = true, NoiseFree = true });
        var forms = Enumerable.Range(0, 300).SelectMany(i => generator.Plan(i).Lesions.Select(l => (Index: i, l.Describe().Form))).ToList();
        foreach (var form in new[] { "contusion", "convexity", "convexity-subacute", "convexity-chronic", "convexity-acute-on-chronic" })
            Assert.Contains(forms, f => f.Form == form);

        // Blood ages: a chronic collection is fluid, darker than the brain it covers, and still labelled subdural.
        var chronic = forms.First(f => f.Form == "convexity-chronic" && generator.Plan(f.Index).Lesions.Count == 1).Index;
        var diagnostics = new List<SliceDiagnostics>();
        var study = generator.Generate(chronic, diagnostics);
        Assert.True(study.Labels.Subject(HemorrhageSubtype.Subdural));
        var inside = new List<float>();
        var around = new List<float>();
        foreach (var d in diagnostics) Collect(d, HemorrhageSubtype.Subdural.Bit(), inside, around);
        log.WriteLine($"study {chronic}: chronic subdural {RealismFixture.Median(inside):0} HU, surroundings {RealismFixture.Median(around):0} HU");
        Assert.InRange(RealismFixture.Median(inside), 0f, 28f);
    }

    private static bool Near(SliceLabels labels, int k) =>
        Enumerable.Range(k - 1, 3).Any(j => j >= 0 && j < labels.SliceCount && labels.Any(j));

    /// <summary>Lesion voxels, and brain/CSF voxels within 3 pixels of them that are not lesion.</summary>
    private static void Collect(SliceDiagnostics d, byte bit, List<float> inside, List<float> around)
    {
        var n = d.Matrix;
        for (var row = 3; row < n - 3; row++)
        {
            for (var col = 3; col < n - 3; col++)
            {
                var i = row * n + col;
                if ((d.LesionMask[i] & bit) == 0) continue;
                inside.Add(d.NoiseFreeHu[i]);
                for (var dr = -3; dr <= 3; dr++)
                {
                    for (var dc = -3; dc <= 3; dc++)
                    {
                        var j = i + dr * n + dc;
                        var tissue = (Tissue)d.Tissue[j];
                        if (d.LesionMask[j] == 0 && (tissue.IsParenchyma() || tissue.IsSubarachnoidCsf() || tissue == Tissue.Ventricle))
                        {
                            around.Add(d.NoiseFreeHu[j]);
                        }
                    }
                }
            }
        }
    }
}
