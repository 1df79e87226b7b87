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
        var plans = Enumerable.Range(0, 200).Select(generator.Plan).ToArray();
        foreach (var g in plans.Select(p => p.Geometry))
        {
            Assert.Contains(g.SliceThicknessMm, new[] { 0.625f, 1f, 1.25f, 2.5f, 3f, 4f, 5f });
            Assert.InRange(g.SliceCount * g.SliceThicknessMm, 100f, 320f);
            Assert.InRange(g.PixelSpacingMm, 0.4f, 0.5f);
        }
        var thicknesses = plans.Select(p => p.Geometry.SliceThicknessMm).ToArray();
        Assert.InRange(thicknesses.Count(t => t == 5f), 60, 120);
        Assert.InRange(thicknesses.Count(t => t <= 1.25f), 20, 70);
    }

    [Fact]
    public void VaryMatrix_DrawsBoth256And512WithTheirPixelSpacing()
    {
        var generator = new PhantomGenerator(9, new PhantomOptions { VaryMatrix = true });
        var geometries = Enumerable.Range(0, 100).Select(i => generator.Plan(i).Geometry).ToArray();

        Assert.All(geometries.Where(g => g.Matrix == 512), g => Assert.InRange(g.PixelSpacingMm, 0.4f, 0.5f));
        Assert.All(geometries.Where(g => g.Matrix == 256), g => Assert.InRange(g.PixelSpacingMm, 0.8f, 1.0f));
        Assert.InRange(geometries.Count(g => g.Matrix == 256), 15, 45);
        Assert.Equal(100, geometries.Count(g => g.Matrix is 256 or 512));
    }

    [Fact]
    public void PixelSpacingOption_SetsTheSpacingAndFieldOfView()
    {
        var g = new PhantomGenerator(9, new PhantomOptions { Matrix = 256, PixelSpacingMm = 0.7f }).Plan(3).Geometry;

        Assert.Equal(0.7f, g.PixelSpacingMm);
        Assert.Equal(256 * 0.7f, g.FieldOfViewMm, 3);
    }

    [Fact]
    public void DefaultScanner_DrawsTiltCalibrationContrastNoiseAndKernelOverTheirRanges()
    {
        var generator = new PhantomGenerator(9);
        var plans = Enumerable.Range(0, 200).Select(generator.Plan).ToArray();
        var tilts = plans.Select(p => p.Geometry.GantryTiltDegrees).ToArray();
        var scanners = plans.Select(p => p.Scanner).ToArray();

        Assert.InRange(tilts.Count(t => t == 0f), 120, 180);
        Assert.All(tilts.Where(t => t != 0f), t => Assert.InRange(MathF.Abs(t), 5f, 30f));
        Assert.Contains(tilts, t => t < -15f);
        Assert.All(scanners, s => Assert.InRange(s.CalibrationOffsetHu, -6f, 6f));
        Assert.Contains(scanners, s => s.CalibrationOffsetHu < -4f);
        Assert.Contains(scanners, s => s.CalibrationOffsetHu > 4f);
        Assert.All(scanners, s => Assert.InRange(s.GreyWhiteContrast, 0.8f, 1.2f));
        Assert.All(scanners, s => Assert.InRange(s.NoiseSdAt5MmHu, 2.5f, 7.5f));
        Assert.True(scanners.Max(s => s.NoiseSdAt5MmHu) / scanners.Min(s => s.NoiseSdAt5MmHu) > 2.5f, "Scanners should differ about threefold in noise.");
        Assert.Contains(scanners, s => s.KernelName == "smooth");
        Assert.Contains(scanners, s => s.KernelName == "standard");
    }

    [Fact]
    public void SettingOneScannerOption_LeavesTheOtherDrawsAlone()
    {
        var drawn = new PhantomGenerator(9).Plan(4);
        var pinned = new PhantomGenerator(9, new PhantomOptions { SliceThicknessMm = 1f, CalibrationOffsetHu = 3f }).Plan(4);

        Assert.Equal(drawn.Scanner with { CalibrationOffsetHu = 3f }, pinned.Scanner);
        Assert.Equal(drawn.Geometry.GantryTiltDegrees, pinned.Geometry.GantryTiltDegrees);
        Assert.Equal(drawn.Geometry.PixelSpacingMm, pinned.Geometry.PixelSpacingMm);
    }

    [Fact]
    public void Options_RejectAnImpossibleMatrixOrPrevalence()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { Matrix = 63 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { Matrix = 1024 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { Prevalence = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { GantryTiltDegrees = 31f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { PixelSpacingMm = 0.1f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { CalibrationOffsetHu = float.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { GreyWhiteContrast = 2f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { NoiseSdAt5MmHu = -1f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { KernelSharpness = 1.5f });
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
