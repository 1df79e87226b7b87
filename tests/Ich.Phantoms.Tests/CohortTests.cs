using System.Security.Cryptography;

namespace Ich.Phantoms.Tests;

/// <summary>Cohort-level behaviour: determinism, prevalence, co-occurrence and acquisition ranges.</summary>
public sealed class CohortTests
{
    [Fact]
    public void SameSeed_GivesTheSameVoxels()
    {
        var options = new PhantomOptions { Matrix = 128 };
        var first = new PhantomGenerator(99, options).Generate(3);
        var second = new PhantomGenerator(99, options).Generate(3);

        Assert.Equal(Hash(first), Hash(second));
    }

    [Fact]
    public void Study_DoesNotDependOnTheOtherStudiesGenerated()
    {
        var generator = new PhantomGenerator(5, new PhantomOptions { Matrix = 64 });
        var fromCohort = generator.Cohort(3).Last();
        var alone = new PhantomGenerator(5, new PhantomOptions { Matrix = 64 }).Generate(2);

        Assert.Equal(Hash(alone), Hash(fromCohort));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentStudies()
    {
        var options = new PhantomOptions { Matrix = 64 };
        Assert.NotEqual(Hash(new PhantomGenerator(1, options).Generate(0)), Hash(new PhantomGenerator(2, options).Generate(0)));
    }

    [Fact]
    public void DefaultPrevalence_IsAboutSixtyFivePercent()
    {
        var generator = new PhantomGenerator(7);
        var positive = Enumerable.Range(0, 400).Count(i => generator.Plan(i).Lesions.Count > 0);

        Assert.InRange(positive / 400.0, 0.58, 0.72);
    }

    [Fact]
    public void SubarachnoidCases_MostlyCarryAnotherSubtype()
    {
        var generator = new PhantomGenerator(8, new PhantomOptions { Hemorrhage = true });
        var withSah = Enumerable.Range(0, 300).Select(i => generator.Plan(i).Lesions)
            .Where(l => l.Any(x => x.Subtype == HemorrhageSubtype.Subarachnoid)).ToList();

        var mixed = withSah.Count(l => l.Any(x => x.Subtype != HemorrhageSubtype.Subarachnoid));
        Assert.True(mixed > withSah.Count / 2, $"{mixed} of {withSah.Count} SAH cases have another subtype.");
    }

    [Fact]
    public void Acquisition_HasClinicalSliceThicknessCountAndPixelSpacing()
    {
        var generator = new PhantomGenerator(9);
        foreach (var plan in Enumerable.Range(0, 200).Select(generator.Plan))
        {
            var g = plan.Geometry;
            Assert.InRange(g.SliceThicknessMm, 2.5f, 5f);
            Assert.InRange(g.SliceCount, 20, 80); // adult heads, skull base to vertex (about 120–190 mm)
            Assert.InRange(g.PixelSpacingMm, 0.4f, 0.5f);
        }
    }

    [Fact]
    public void Options_RejectAnImpossibleMatrixOrPrevalence()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { Matrix = 63 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { Matrix = 1024 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { Prevalence = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomGenerator(1).Generate(-1));
    }

    [Fact]
    public void SliceLabels_SubjectLabelIsTheOrOverSlices()
    {
        var labels = new SliceLabels([0, HemorrhageSubtype.Subdural.Bit(), 0, (byte)(HemorrhageSubtype.Epidural.Bit() | HemorrhageSubtype.Subarachnoid.Bit())]);

        Assert.True(labels.Subject(HemorrhageSubtype.Subdural));
        Assert.True(labels.Subject(HemorrhageSubtype.Epidural));
        Assert.False(labels.Subject(HemorrhageSubtype.Intraventricular));
        Assert.Equal([1f, 0f, 0f, 1f, 0f, 1f], labels.Targets(3));
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f], labels.Targets(0));
    }

    private static string Hash(PhantomStudy study)
    {
        using var sha = SHA256.Create();
        foreach (var slice in study.Slices)
        {
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(slice.AsSpan()).ToArray();
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }
}
