using System.Numerics;
using Ich.Phantoms.Anatomy;
using Ich.Phantoms.Lesions;
using Ich.Phantoms.Rendering;

namespace Ich.Phantoms;

/// <summary>
/// Generates synthetic non-contrast head CT studies with slice-level hemorrhage labels known by construction.
/// Study <c>i</c> of seed <c>s</c> is always the same, whatever else is generated (one random stream per study).
/// Phantoms are not patients: results measured on them are not clinical performance.
/// </summary>
/// <example>
/// <code>
/// var generator = new PhantomGenerator(seed: 42, new PhantomOptions { Matrix = 256 });
/// foreach (var study in generator.Cohort(100))
///     Train(study.Slices, study.Labels);
/// </code>
/// </example>
public sealed class PhantomGenerator
{
    /// <summary>
    /// The generation of the generator, quoted by model cards and cohort descriptions: figures measured on one
    /// generation's phantoms do not carry over to another's.
    /// </summary>
    public const string Generation = "phantoms v2";

    // Mixed into the seed for the scanner's random stream.
    private const long ScannerStreamSalt = 0x5CA7_7E55_C0DE_F00D;

    // The clinical mix, thick slices most common: 5 mm 45 %, 4 and 3 mm 10 % each, 2.5 mm 15 %, 1.25 and 1 mm 5 % each, 0.625 mm 10 %.
    private static readonly float[] Thicknesses =
        [5f, 5f, 5f, 5f, 5f, 5f, 5f, 5f, 5f, 4f, 4f, 3f, 3f, 2.5f, 2.5f, 2.5f, 1.25f, 1f, 0.625f, 0.625f];

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">Cohort seed.</param>
    /// <param name="options">Options; defaults when null.</param>
    public PhantomGenerator(long seed, PhantomOptions? options = null)
    {
        Seed = seed;
        Options = options ?? new PhantomOptions();
    }

    /// <summary>The cohort seed.</summary>
    public long Seed { get; }

    /// <summary>The options.</summary>
    public PhantomOptions Options { get; }

    /// <summary>Generates study <paramref name="studyIndex"/> of the cohort.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public PhantomStudy Generate(int studyIndex) => Generate(studyIndex, null);

    /// <summary>
    /// Generates subject <paramref name="studyIndex"/> twice from the same anatomy, scanner, noise and artefacts:
    /// once with hemorrhage (drawn for this subject even when the prevalence draw said healthy) and once without
    /// its lesions and their mass effect. The pair differs only where the lesions and their mass effect are.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public PhantomTwins GenerateTwins(int studyIndex) => GenerateTwins(studyIndex, null, null);

    /// <summary>Generates studies 0 … <paramref name="count"/> − 1 lazily, one at a time.</summary>
    public IEnumerable<PhantomStudy> Cohort(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++) yield return Generate(i);
    }

    /// <summary>
    /// One member of <see cref="GenerateTwins(int)"/>'s pair, without rendering the other (a training source that
    /// hands out the two members as separate items renders each once).
    /// </summary>
    /// <param name="studyIndex">The subject.</param>
    /// <param name="withLesions">True for <see cref="PhantomTwins.Positive"/>, false for <see cref="PhantomTwins.LesionFree"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public PhantomStudy GenerateTwin(int studyIndex, bool withLesions) => GenerateTwin(studyIndex, withLesions, null);

    /// <summary>Twins, and when asked the ground-truth maps of each.</summary>
    internal PhantomTwins GenerateTwins(int studyIndex, List<SliceDiagnostics>? positive, List<SliceDiagnostics>? lesionFree) =>
        new(GenerateTwin(studyIndex, true, positive), GenerateTwin(studyIndex, false, lesionFree));

    private PhantomStudy GenerateTwin(int studyIndex, bool withLesions, List<SliceDiagnostics>? diagnostics) =>
        // Forcing the hemorrhage draw changes nothing else: anatomy, lesions, noise and artefacts come from forked
        // streams, and the prevalence draw is consumed either way. Each twin gets a fresh plan, so the lesion-free
        // head carries no mass effect.
        new PhantomGenerator(Seed, Options with { Hemorrhage = withLesions }).Generate(studyIndex, diagnostics);

    /// <summary>Generates a study and, when asked, per-slice ground-truth maps at the base resolution.</summary>
    internal PhantomStudy Generate(int studyIndex, List<SliceDiagnostics>? diagnostics)
    {
        var plan = Plan(studyIndex);
        var lesions = new List<Lesion>(plan.Lesions);
        var noise = plan.NoiseRandom is null ? null : new NoiseField(plan.NoiseRandom, TextureSize(plan.Geometry.Matrix), plan.Geometry.PixelSpacingMm, plan.Scanner.NoiseCorrelationMm);
        while (true)
        {
            var renderer = new StudyRenderer(plan.Head, lesions, plan.Geometry, noise, plan.NoiseSd, plan.Artefacts, plan.Scanner);
            var count = plan.Geometry.SliceCount;
            var slices = new short[count][];
            var masks = new byte[count];
            var voxels = new int[lesions.Count];
            diagnostics?.Clear();
            for (var k = 0; k < count; k++)
            {
                slices[k] = new short[plan.Geometry.Matrix * plan.Geometry.Matrix];
                var d = diagnostics is null ? null : new SliceDiagnostics(renderer.BaseMatrix);
                masks[k] = renderer.RenderSlice(k, slices[k], voxels, d);
                if (d is not null) diagnostics!.Add(d);
            }

            // A lesion that fills no voxel's slice profile by half would be drawn faintly but never labelled:
            // drop it and render again until every lesion in the picture is in the labels. Each pass removes at
            // least one lesion, so this ends (at worst with none left).
            var unseen = Enumerable.Range(0, lesions.Count).Where(l => voxels[l] == 0).ToList();
            if (unseen.Count > 0)
            {
                for (var u = unseen.Count - 1; u >= 0; u--) lesions.RemoveAt(unseen[u]);
                ApplyMassEffect(plan.Head, lesions);
                continue;
            }

            var subject = Describe(studyIndex, plan, lesions);
            return new PhantomStudy(plan.Geometry, slices, new SliceLabels(masks), subject, voxels);
        }
    }

    /// <summary>Draws everything about a study except its pixels.</summary>
    internal StudyPlan Plan(int studyIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(studyIndex);
        var rng = PhantomRandom.ForStudy(Seed, studyIndex);
        var anatomyRng = rng.Fork();
        var lesionRng = rng.Fork();
        var noiseRng = rng.Fork();
        var artefactRng = rng.Fork();

        var hemorrhage = rng.Chance(Options.Prevalence);
        if (Options.Hemorrhage is { } forced) hemorrhage = forced;
        var age = (int)Math.Round(rng.Uniform(20, 90));
        var sex = rng.Chance(0.5) ? "F" : "M";
        var head = new HeadModel(anatomyRng, age, female: sex == "F");
        // The scanner has its own stream, so its draws leave the subject and its placement as they were without them.
        var scannerRng = PhantomRandom.ForStudy(Seed ^ ScannerStreamSalt, studyIndex);
        var geometry = DrawGeometry(rng, scannerRng, head);
        var scanner = DrawScanner(scannerRng);
        var noiseSd = scanner.NoiseSdHu(geometry.SliceThicknessMm);

        var lesions = hemorrhage ? LesionSampler.Sample(lesionRng, head, geometry.SliceThicknessMm) : [];
        ApplyMassEffect(head, lesions);

        var artefacts = new ArtefactPlan(artefactRng, geometry, head.CavityBottom * head.Scale);
        return new StudyPlan(head, lesions, geometry, Options.NoiseFree ? null : noiseRng, noiseSd, artefacts, age, sex, scanner);
    }

    /// <summary>Draws the scanner's calibration, contrast, noise and kernel; every draw is made so a set option changes no other.</summary>
    private ScannerSettings DrawScanner(PhantomRandom rng)
    {
        var offset = rng.UniformF(-6f, 6f);
        var contrast = rng.UniformF(0.8f, 1.2f);
        // Log-uniform 2.5–7.5 HU: real scanners differ threefold in noise at the same thickness.
        var noise = 2.5f * MathF.Exp(rng.UniformF(0f, MathF.Log(3f)));
        var sharpness = rng.UniformF(0f, 1f);
        return new ScannerSettings(Options.CalibrationOffsetHu ?? offset, Options.GreyWhiteContrast ?? contrast,
            Options.NoiseSdAt5MmHu ?? noise, Options.KernelSharpness ?? sharpness);
    }

    private StudyGeometry DrawGeometry(PhantomRandom rng, PhantomRandom scannerRng, HeadModel head)
    {
        // Patients lie turned and rolled in the head holder: oblique cuts of the skull are routine.
        var turn = rng.UniformF(-10f, 10f);
        var nod = rng.UniformF(-8f, 8f);
        var tilt = rng.UniformF(-9f, 9f);
        var rotation = Quaternion.CreateFromYawPitchRoll(Radians(tilt), Radians(nod), Radians(turn));
        var matrix = scannerRng.Chance(0.7) ? 512 : 256;
        if (!Options.VaryMatrix) matrix = Options.Matrix;
        var gantry = DrawGantryTilt(scannerRng);
        // Field of view 205–256 mm (0.4–0.5 mm pixels at 512², 0.8–1 mm at 256²), wide enough for the head and the head rest behind it.
        // The head model is the reference head; its scale makes it this subject's size in patient mm.
        var s = head.Scale;
        var a = head.CavitySemiAxes * s;
        var outer = head.OuterSemiAxes * s;
        var drawnFov = Math.Clamp(MathF.Max(rng.UniformF(205f, 250f), 2f * outer.Y + 36f), 205f, 256f);
        var spacing = Options.PixelSpacingMm ?? drawnFov / matrix;
        var fov = spacing * matrix;
        var slackY = MathF.Max(0f, (fov - 2f * outer.Y - 34f) / 2f);
        var slackX = MathF.Max(0f, MathF.Min(8f, fov / 2f - outer.X - 6f));
        var centre = new Vector3(rng.UniformF(-slackX, slackX), rng.UniformF(-slackY, slackY * 0.3f), rng.UniformF(-30f, 30f));

        // Cover skull base to vertex. The slice crossing the table axis at height h holds the points with
        // z − y·tan(tilt) = h, so bound h over the lowest and highest points of the rotated head (more dome points,
        // for a tilted plane reaches the vertex off the head's axis).
        var bottomZ = head.CavityBottom * s;
        var topZ = head.HeadTop * s;
        Vector3[] bottom = [new(0, a.Y * 0.5f, bottomZ - 6f), new(0, -a.Y * 0.6f, -34f * s), new(a.X * 0.6f, 0, -44f * s), new(-a.X * 0.6f, 0, -44f * s)];
        Vector3[] top = [new(0, 0, topZ), new(0, a.Y * 0.45f, topZ * 0.9f), new(0, -a.Y * 0.45f, topZ * 0.9f),
            new(a.X * 0.45f, 0, topZ * 0.9f), new(-a.X * 0.45f, 0, topZ * 0.9f),
            new(0, a.Y * 0.7f, topZ * 0.7f), new(0, -a.Y * 0.7f, topZ * 0.7f),
            new(0, a.Y * 0.87f, topZ * 0.5f), new(0, -a.Y * 0.87f, topZ * 0.5f)];
        var tan = MathF.Tan(Radians(gantry));
        float TableHeight(Vector3 p) => p.Z - p.Y * tan;
        var zLow = bottom.Min(p => TableHeight(Vector3.Transform(p, rotation))) - rng.UniformF(0f, 6f);
        var zHigh = top.Max(p => TableHeight(Vector3.Transform(p, rotation))) + 2f;
        var cos = MathF.Cos(Radians(gantry));
        var drawnThickness = Thicknesses[scannerRng.NextInt(Thicknesses.Length)];
        // Many series start below the skull base, at the face or the jaw: half the studies reach 10–70 mm lower.
        var startsLow = scannerRng.NextDouble() < 0.5;
        var below = scannerRng.UniformF(10f, 70f) * s;
        if (startsLow) zLow -= below;

        float thickness;
        int count;
        if (Options.SliceCount is { } fixedCount)
        {
            thickness = Options.SliceThicknessMm ?? Math.Clamp((zHigh - zLow) * cos / fixedCount, 0.5f, 10f);
            count = fixedCount;
        }
        else
        {
            thickness = Options.SliceThicknessMm ?? drawnThickness;
            count = Math.Min(400, (int)MathF.Ceiling((zHigh - zLow) * cos / thickness));
        }

        var increment = thickness / cos;
        return new StudyGeometry(matrix, spacing, thickness, TableHeight(centre) + zLow + increment / 2f, count, centre, rotation, gantry, s);
    }

    /// <summary>Gantry tilt: 0 for 75 % of studies, else 5–30° (negative, anterior edge raised, for 70 % of those).</summary>
    private float DrawGantryTilt(PhantomRandom rng)
    {
        var tilted = rng.Chance(0.25);
        var sign = rng.Chance(0.7) ? -1f : 1f;
        var magnitude = rng.UniformF(5f, PhantomOptions.MaxGantryTiltDegrees);
        return Options.GantryTiltDegrees ?? (tilted ? sign * magnitude : 0f);
    }

    private static void ApplyMassEffect(HeadModel head, IReadOnlyList<Lesion> lesions)
    {
        var largest = lesions.MaxBy(l => l.MidlineShiftMm);
        if (largest is null || largest.MidlineShiftMm < 0.5f)
        {
            head.MassEffect = MassEffect.None;
            return;
        }
        var centre = largest.Describe().CentreMm;
        head.MassEffect = new MassEffect(largest.MidlineShiftMm, centre.X >= 0 ? 1 : -1, centre.Y, centre.Z);
    }

    private static PhantomSubject Describe(int index, StudyPlan plan, IReadOnlyList<Lesion> lesions)
    {
        var head = plan.Head;
        var calcifications = new List<string>();
        if (head.HasPinealCalcification) calcifications.Add("pineal");
        if (head.HasChoroidCalcification) calcifications.Add("choroid");
        if (head.HasFalxCalcification) calcifications.Add("falx");
        var euler = ToDegrees(plan.Geometry.HeadRotation);
        return new PhantomSubject
        {
            StudyIndex = index,
            AgeYears = plan.AgeYears,
            Sex = plan.Sex,
            Atrophy = head.Atrophy,
            SkullThicknessMm = head.SkullThicknessMm * head.Scale,
            RotationDegrees = euler,
            NoiseSdHu = plan.NoiseRandom is null ? 0f : plan.NoiseSd,
            Scanner = plan.Scanner,
            MidlineShiftMm = head.MassEffect.MidlineShiftMm * head.Scale,
            Motion = plan.Artefacts.HasMotion,
            Streaks = plan.Artefacts.HasStreaks,
            Calcifications = calcifications,
            Lesions = [.. lesions.Select(l => l.Describe())],
        };
    }

    private static int TextureSize(int matrix)
    {
        var size = 16;
        while (size < matrix) size *= 2;
        return size;
    }

    private static float Radians(float degrees) => degrees * MathF.PI / 180f;

    private static Vector3 ToDegrees(Quaternion q)
    {
        // Small angles: twice the vector part is the rotation vector (about x, y, z).
        var v = 2f * new Vector3(q.X, q.Y, q.Z) * (180f / MathF.PI);
        return new Vector3(v.Z, v.X, v.Y);
    }
}

/// <summary>Everything drawn for one study before rendering.</summary>
internal sealed record StudyPlan(
    HeadModel Head,
    IReadOnlyList<Lesion> Lesions,
    StudyGeometry Geometry,
    PhantomRandom? NoiseRandom,
    float NoiseSd,
    ArtefactPlan Artefacts,
    int AgeYears,
    string Sex,
    ScannerSettings Scanner);
