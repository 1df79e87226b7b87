namespace Ich.Phantoms.Cohorts;

/// <summary>
/// A named, reproducible phantom cohort on which models are measured: the generator seed and options, plus a fixed
/// scanner shift (calibration offset and extra noise) for cohorts that test robustness. Model cards quote figures
/// per cohort name, and CI regenerates the cohort from this definition to check a shipped model.
/// </summary>
/// <param name="Name">Short name (<c>test</c>, <c>shifted</c>, <c>ci</c>).</param>
/// <param name="Seed">Generator seed (never used in training).</param>
/// <param name="Studies">Number of studies.</param>
/// <param name="Options">Generator options.</param>
/// <param name="OffsetHu">HU added to every voxel above air (another scanner's calibration).</param>
/// <param name="ExtraNoiseHu">SD of extra, pixel-correlated noise, HU.</param>
public sealed record FixedCohort(string Name, long Seed, int Studies, PhantomOptions Options, float OffsetHu = 0f, float ExtraNoiseHu = 0f)
{
    /// <summary>The test cohort of the model issue: 300 studies as <c>ich phantoms generate</c> writes them (512², 0.625–5 mm, drawn scanners, 65 % ICH).</summary>
    public static FixedCohort Test { get; } = new("test", 20261201, 300, new PhantomOptions());

    /// <summary>
    /// A shifted scanner: 1.25 mm slices (averaged into 5 mm slabs by the preprocessing), 256² matrix (0.8–1 mm
    /// pixels), +10 HU calibration offset and 6 HU of extra noise — none of them the training default.
    /// </summary>
    public static FixedCohort Shifted { get; } = new("shifted", 20261202, 200, new PhantomOptions { Matrix = 256, SliceThicknessMm = 1.25f }, OffsetHu: 10f, ExtraNoiseHu: 6f);

    /// <summary>The small cohort CI re-evaluates the shipped models on (256², 5 mm, fast to generate).</summary>
    public static FixedCohort Ci { get; } = new("ci", 20261203, 60, new PhantomOptions { Matrix = 256, SliceThicknessMm = 5f });

    /// <summary>
    /// The cohort a model's operating points are chosen on (<c>ich train operating-points</c>): drawn as <see cref="Test"/>
    /// is, from its own seed, so no reported figure comes from the studies that set a threshold.
    /// </summary>
    public static FixedCohort Validation { get; } = new("validation", 20261204, 300, new PhantomOptions());

    /// <summary>Every named cohort.</summary>
    public static IReadOnlyList<FixedCohort> All { get; } = [Test, Shifted, Ci, Validation];

    /// <summary>The cohort of that name.</summary>
    /// <exception cref="ArgumentException">No cohort has that name.</exception>
    public static FixedCohort Named(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No fixed cohort is called '{name}' (known: {string.Join(", ", All.Select(c => c.Name))}).", nameof(name));

    /// <summary>How to regenerate it, for model cards.</summary>
    public string Description =>
        $"{PhantomGenerator.Generation} seed {Seed}, {Studies} studies, matrix {Options.Matrix}, thickness {(Options.SliceThicknessMm is { } t ? $"{t} mm" : "0.625–5 mm")}, prevalence {Options.Prevalence:0.00}" +
        (OffsetHu != 0 || ExtraNoiseHu != 0 ? $", scanner shift {OffsetHu:+0;-0} HU and +{ExtraNoiseHu} HU noise" : "");

    /// <summary>Generates study <paramref name="index"/> with the cohort's scanner shift applied.</summary>
    public PhantomStudy Generate(int index)
    {
        var study = new PhantomGenerator(Seed, Options).Generate(index);
        if (OffsetHu == 0f && ExtraNoiseHu == 0f) return study;
        var random = new Random((int)((Seed * 7919 + index) & 0x7FFFFFFF));
        var matrix = study.Geometry.Matrix;
        var shifted = study.Slices.Select(s => ShiftSlice(s, matrix, random)).ToArray();
        return study.WithSlices(shifted);
    }

    /// <summary>Generates the whole cohort lazily.</summary>
    public IEnumerable<PhantomStudy> GenerateAll()
    {
        for (var i = 0; i < Studies; i++) yield return Generate(i);
    }

    private short[] ShiftSlice(short[] slice, int matrix, Random random)
    {
        // Pixel-correlated noise: the mean of a white-noise pixel and its right and lower neighbours (SD 1/√3 of
        // the white noise, rescaled), enough grain to differ from the generator's own texture.
        var white = new float[slice.Length];
        for (var i = 0; i < white.Length; i++) white[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        var result = new short[slice.Length];
        var gain = ExtraNoiseHu * MathF.Sqrt(3f);
        for (var i = 0; i < slice.Length; i++)
        {
            float value = slice[i];
            if (value > -900f)
            {
                var x = i % matrix;
                var right = x + 1 < matrix ? white[i + 1] : white[i];
                var down = i + matrix < white.Length ? white[i + matrix] : white[i];
                value += OffsetHu + gain * (white[i] + right + down) / 3f;
            }

            result[i] = (short)Math.Clamp(MathF.Round(value), -1024f, 3071f);
        }

        return result;
    }
}
