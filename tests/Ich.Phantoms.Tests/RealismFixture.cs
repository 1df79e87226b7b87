using System.Numerics;
using Ich.Phantoms.Anatomy;
using Ich.Phantoms.Rendering;

namespace Ich.Phantoms.Tests;

/// <summary>
/// One healthy 512² study at 5 mm, rendered twice from the same anatomy: with noise, and noise-free with per-slice
/// truth maps. Shared by the realism tests because a 512² study is the one costly thing they need.
/// </summary>
public sealed class RealismFixture
{
    public const long Seed = 20191;

    public RealismFixture()
    {
        var options = OnReferenceScanner(new PhantomOptions { Matrix = 512, SliceThicknessMm = 5f, Hemorrhage = false });
        Noisy = new PhantomGenerator(Seed, options).Generate(0);
        var diagnostics = new List<SliceDiagnostics>();
        NoiseFree = new PhantomGenerator(Seed, options with { NoiseFree = true }).Generate(0, diagnostics);
        Diagnostics = diagnostics;
        Plan = new PhantomGenerator(Seed, options).Plan(0);
    }

    /// <summary>
    /// The options on the reference scanner (no tilt, true calibration and contrast, 4.5 HU noise, standard kernel),
    /// so the realism figures measure the head model and the standard kernel, not a drawn scanner.
    /// </summary>
    public static PhantomOptions OnReferenceScanner(PhantomOptions options) => options with
    {
        GantryTiltDegrees = 0f,
        CalibrationOffsetHu = 0f,
        GreyWhiteContrast = 1f,
        NoiseSdAt5MmHu = 4.5f,
        KernelSharpness = 1f,
    };

    public PhantomStudy Noisy { get; }

    public PhantomStudy NoiseFree { get; }

    internal IReadOnlyList<SliceDiagnostics> Diagnostics { get; }

    internal StudyPlan Plan { get; }

    /// <summary>The slice whose centre is nearest to head-frame height <paramref name="headZ"/> on the head axis.</summary>
    public int SliceAtHeadHeight(float headZ)
    {
        var g = NoiseFree.Geometry;
        var z = g.HeadToPatient(new Vector3(0, 0, headZ)).Z;
        return (int)MathF.Round((z - g.SliceZ[0]) / g.SliceThicknessMm);
    }

    /// <summary>
    /// HU along a head-frame ray from (0, 0, z) in direction <paramref name="direction"/>, sampled every
    /// <paramref name="stepMm"/> in the plane of slice <paramref name="slice"/> (bilinear).
    /// </summary>
    public static float[] Profile(PhantomStudy study, int slice, float headZ, Vector3 direction, float fromMm, float toMm, float stepMm)
    {
        var g = study.Geometry;
        var values = new float[(int)((toMm - fromMm) / stepMm) + 1];
        for (var i = 0; i < values.Length; i++)
        {
            var head = new Vector3(0, 0, headZ) + direction * (fromMm + i * stepMm);
            var patient = g.HeadToPatient(head) with { Z = g.SliceZ[slice] };
            var px = g.PatientToPixel(patient);
            values[i] = Bilinear(study, slice, px.X, px.Y);
        }
        return values;
    }

    public static float Bilinear(PhantomStudy study, int slice, float col, float row)
    {
        var n = study.Geometry.Matrix;
        var c0 = Math.Clamp((int)MathF.Floor(col), 0, n - 2);
        var r0 = Math.Clamp((int)MathF.Floor(row), 0, n - 2);
        float fc = col - c0, fr = row - r0;
        float a = study[slice, r0, c0], b = study[slice, r0, c0 + 1], c = study[slice, r0 + 1, c0], d = study[slice, r0 + 1, c0 + 1];
        return (1 - fr) * ((1 - fc) * a + fc * b) + fr * ((1 - fc) * c + fc * d);
    }

    /// <summary>Base-resolution pixels whose whole (2r+1)² neighbourhood has tissue <paramref name="tissue"/>.</summary>
    internal static IEnumerable<int> Interior(SliceDiagnostics d, Tissue tissue, int r)
    {
        var n = d.Matrix;
        for (var row = r; row < n - r; row++)
        {
            for (var col = r; col < n - r; col++)
            {
                var all = true;
                for (var dr = -r; dr <= r && all; dr++)
                {
                    for (var dc = -r; dc <= r; dc++)
                    {
                        if (d.Tissue[(row + dr) * n + col + dc] != (byte)tissue) { all = false; break; }
                    }
                }
                if (all) yield return row * n + col;
            }
        }
    }

    public static double Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        Assert.NotEmpty(sorted);
        return sorted[sorted.Length / 2];
    }
}
