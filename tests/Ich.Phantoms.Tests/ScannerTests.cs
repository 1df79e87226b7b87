using System.Numerics;
using Ich.Dicom;
using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Scanning;
using Ich.Phantoms.Anatomy;
using Ich.Phantoms.Output;
using Ich.Phantoms.Rendering;
using Xunit.Abstractions;

namespace Ich.Phantoms.Tests;

/// <summary>
/// Scanner variety: noise that scales with slice thickness, calibration and grey–white contrast, kernels, and gantry
/// tilt rendered on tilted planes and written as scanners write it. Small (128²) studies on the reference scanner,
/// with one setting changed at a time.
/// </summary>
public sealed class ScannerTests(ITestOutputHelper log)
{
    private const long Seed = 3;

    private static PhantomOptions Small => RealismFixture.OnReferenceScanner(new PhantomOptions { Matrix = 128, SliceThicknessMm = 5f, Hemorrhage = false });

    [Fact]
    public void NoiseSd_ScalesWithOneOverRootThickness()
    {
        var thick = WhiteMatterNoise(Small);
        var thin = WhiteMatterNoise(Small with { SliceThicknessMm = 0.625f });
        log.WriteLine($"white-matter noise SD: {thick:0.00} HU at 5 mm, {thin:0.00} HU at 0.625 mm ({thin / thick:0.00}x)");

        Assert.InRange(thick, 4.0, 5.0);
        Assert.True(thin >= 2 * thick, $"0.625 mm noise {thin:0.00} HU should be at least twice the 5 mm noise {thick:0.00} HU.");
        Assert.InRange(thin / thick, 2.5, 3.2);
    }

    [Fact]
    public void CalibrationOffset_MovesTheBrainMedianByTheOffset()
    {
        var reference = BrainMedian(Small with { NoiseFree = true });
        var shifted = BrainMedian(Small with { NoiseFree = true, CalibrationOffsetHu = 8f });
        log.WriteLine($"brain median {reference:0.0} HU, with +8 HU calibration {shifted:0.0} HU");

        // Brain (~30 HU) shifts by 8 · 1.03, give or take the rounding of integer HU.
        Assert.InRange(shifted - reference, 7.0, 9.5);
    }

    [Fact]
    public void GreyWhiteContrast_ScalesTheGreyWhiteDifference()
    {
        var reference = GreyWhite(Small with { NoiseFree = true });
        var stronger = GreyWhite(Small with { NoiseFree = true, GreyWhiteContrast = 1.3f });
        log.WriteLine($"grey-white difference {reference:0.00} HU, with contrast 1.3: {stronger:0.00} HU");

        Assert.InRange(stronger / reference, 1.2, 1.4);
    }

    [Fact]
    public void SmoothKernel_CorrelatesNoiseOverLongerDistances()
    {
        var options = Small with { Matrix = 512, SliceCount = 6 };
        var standard = NeighbourCorrelation(options with { KernelSharpness = 1f });
        var smooth = NeighbourCorrelation(options with { KernelSharpness = 0f });
        log.WriteLine($"noise neighbour correlation: standard {standard:0.00}, smooth {smooth:0.00}");

        Assert.True(smooth > standard + 0.1, $"Smooth-kernel noise ({smooth:0.00}) should correlate more than standard ({standard:0.00}).");
    }

    [Fact]
    public void TiltedGeometry_PixelAndPatientCoordinatesAgree()
    {
        var g = new PhantomGenerator(Seed, Small with { GantryTiltDegrees = -25f }).Plan(0).Geometry;
        var cos = MathF.Cos(25f * MathF.PI / 180f);

        Assert.Equal(new Vector3(0f, cos, -MathF.Sin(25f * MathF.PI / 180f)), g.ColumnDirection);
        var step = g.ImagePosition(1) - g.ImagePosition(0);
        Assert.Equal(0f, step.X, 4);
        Assert.Equal(0f, step.Y, 4);
        Assert.Equal(5f / cos, step.Z, 4);
        Assert.Equal(5f, Vector3.Dot(step, g.Normal), 4);
        Assert.Equal(g.ImagePosition(3), g.PixelToPatient(0, 0, 3));
        var back = g.PatientToPixel(g.PixelToPatient(17.5f, 90.25f, 4.5f));
        Assert.Equal(17.5f, back.X, 3);
        Assert.Equal(90.25f, back.Y, 3);
        Assert.Equal(4.5f, back.Z, 3);
    }

    [Fact]
    public void TiltedSlice_SamplesTheTiltedPlane()
    {
        var generator = new PhantomGenerator(Seed, Small with { GantryTiltDegrees = 20f, NoiseFree = true });
        var head = generator.Plan(0).Head;
        var diagnostics = new List<SliceDiagnostics>();
        var g = generator.Generate(0, diagnostics).Geometry;
        var k = g.SliceCount / 2;
        var tissue = diagnostics[k].Tissue;

        // The tissue the renderer recorded against the head model at PixelToPatient, and at an untilted plane through
        // the same slice centre (which the tilted slice must not match).
        int onPlane = 0, onAxial = 0, total = 0;
        for (var row = 0; row < g.Matrix; row += 2)
        {
            for (var col = 0; col < g.Matrix; col += 2)
            {
                var recorded = tissue[row * g.Matrix + col];
                if (recorded == (byte)Tissue.Air) continue;
                total++;
                head.Evaluate(g.PatientToHead(g.PixelToPatient(col, row, k)), out var tilted);
                if ((byte)tilted.Tissue == recorded) onPlane++;
                var axial = g.PixelToPatient(col, row, k) with { Y = (row - (g.Matrix - 1) / 2f) * g.PixelSpacingMm, Z = g.SliceZ[k] };
                head.Evaluate(g.PatientToHead(axial), out var flat);
                if ((byte)flat.Tissue == recorded) onAxial++;
            }
        }
        log.WriteLine($"{total} head pixels: {onPlane} match the tilted plane, {onAxial} an untilted one");

        Assert.True(total > 500);
        Assert.True(onPlane > 0.99 * total, $"{onPlane} of {total} pixels match the tilted plane.");
        Assert.True(onAxial < 0.9 * total, $"{onAxial} of {total} pixels match an untilted plane: the slice is not tilted.");
    }

    [Fact]
    public void TiltedStudy_IsWrittenWithTiltedOrientationTablePositionsAndTheTiltTag_AndSelectedAsTiltedAxial()
    {
        var study = new PhantomGenerator(Seed, Small with { GantryTiltDegrees = -25f }).Generate(0);
        var folder = Directory.CreateTempSubdirectory("ich-phantom-tilt-").FullName;
        try
        {
            PhantomDicomWriter.Write(study, Seed, folder, TransferSyntax.ExplicitVRLittleEndian, distractors: true);

            var selected = SeriesScanner.Scan(folder).Studies.Single().Selected!;

            Assert.Equal(PhantomDicomWriter.BrainSeriesNumber, selected.Series.SeriesNumber);
            Assert.Equal(study.Geometry.SliceCount, selected.Slices.Count);
            var cos = Math.Cos(25 * Math.PI / 180);
            var sin = -Math.Sin(25 * Math.PI / 180);
            foreach (var slice in selected.Slices.Select(s => s.Header))
            {
                Assert.Equal(-25, slice.GantryTilt!.Value, 3);
                Assert.Equal((1, 0, 0), (slice.RowDirection!.Value.X, slice.RowDirection.Value.Y, slice.RowDirection.Value.Z));
                Assert.Equal(0, slice.ColumnDirection!.Value.X, 5);
                Assert.Equal(cos, slice.ColumnDirection.Value.Y, 5);
                Assert.Equal(sin, slice.ColumnDirection.Value.Z, 5);
            }
            var positions = selected.Slices.Select(s => s.Header.ImagePosition!.Value).ToArray();
            for (var i = 1; i < positions.Length; i++)
            {
                var step = positions[i] - positions[i - 1];
                Assert.Equal(0, step.X, 3);
                Assert.Equal(0, step.Y, 3);
                Assert.Equal(5 / cos, step.Z, 3);
            }
            Assert.Equal(25, selected.Geometry!.TiltDegrees, 1);
            Assert.Equal(5, selected.Geometry.SliceSpacing, 2);
            var problem = Assert.Single(selected.Problems);
            Assert.Equal(SeriesProblemKind.GantryTilt, problem.Kind);
            Assert.Equal(SeriesProblemSeverity.Warning, problem.Severity);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double WhiteMatterNoise(PhantomOptions options)
    {
        var noisy = new PhantomGenerator(Seed, options).Generate(0);
        var diagnostics = new List<SliceDiagnostics>();
        var clean = new PhantomGenerator(Seed, options with { NoiseFree = true }).Generate(0, diagnostics);
        var g = noisy.Geometry;
        // Above the skull base, where photon starvation adds no noise; noisy − noise-free is the noise alone.
        var differences = new List<double>();
        for (var k = 0; k < g.SliceCount; k++)
        {
            var height = g.SliceZ[k] - g.HeadCentre.Z;
            if (height < 5f || height > 50f) continue;
            foreach (var i in RealismFixture.Interior(diagnostics[k], Tissue.WhiteMatter, 1))
                differences.Add(noisy.Slices[k][i] - clean.Slices[k][i]);
        }
        Assert.True(differences.Count > 1000);
        var mean = differences.Average();
        return Math.Sqrt(differences.Average(d => (d - mean) * (d - mean)));
    }

    private static double BrainMedian(PhantomOptions options)
    {
        var diagnostics = new List<SliceDiagnostics>();
        var study = new PhantomGenerator(Seed, options).Generate(0, diagnostics);
        var values = new List<float>();
        for (var k = 0; k < study.Geometry.SliceCount; k++)
        {
            var tissue = diagnostics[k].Tissue;
            for (var i = 0; i < tissue.Length; i++)
            {
                if (((Tissue)tissue[i]).IsParenchyma()) values.Add(study.Slices[k][i]);
            }
        }
        return RealismFixture.Median(values);
    }

    private static double GreyWhite(PhantomOptions options)
    {
        var diagnostics = new List<SliceDiagnostics>();
        new PhantomGenerator(Seed, options).Generate(0, diagnostics);
        var grey = diagnostics.SelectMany(d => RealismFixture.Interior(d, Tissue.DeepGreyMatter, 1).Select(i => d.NoiseFreeHu[i]));
        var white = diagnostics.SelectMany(d => RealismFixture.Interior(d, Tissue.WhiteMatter, 2).Select(i => d.NoiseFreeHu[i]));
        return RealismFixture.Median(grey) - RealismFixture.Median(white);
    }

    private static double NeighbourCorrelation(PhantomOptions options)
    {
        var noisy = new PhantomGenerator(Seed, options).Generate(0);
        var clean = new PhantomGenerator(Seed, options with { NoiseFree = true }).Generate(0);
        var n = noisy.Geometry.Matrix;
        double sum = 0, sum2 = 0, product = 0;
        var count = 0;
        // The noise alone over the central quarter of the top slice (inside the head: air clamps at −1024 and has no noise there).
        var k = noisy.Geometry.SliceCount - 1;
        for (var row = 3 * n / 8; row < 5 * n / 8; row++)
        {
            for (var col = 3 * n / 8; col < 5 * n / 8; col++)
            {
                double a = noisy[k, row, col] - clean[k, row, col], b = noisy[k, row, col + 1] - clean[k, row, col + 1];
                sum += a;
                sum2 += a * a;
                product += a * b;
                count++;
            }
        }
        var mean = sum / count;
        var variance = sum2 / count - mean * mean;
        return (product / count - mean * mean) / variance;
    }
}
