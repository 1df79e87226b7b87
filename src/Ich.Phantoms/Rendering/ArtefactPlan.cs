using System.Numerics;

namespace Ich.Phantoms.Rendering;

/// <summary>
/// The study's imperfections, drawn once: noisier slices through the skull base (photon starvation), occasional
/// patient motion (a ghosted edge on a few slices) and occasional streaks. Also where each slice reads the noise
/// texture.
/// </summary>
internal sealed class ArtefactPlan
{
    private readonly (int X, int Y)[] _noiseOffsets;
    private readonly float[] _noiseFactors;
    private readonly Vector3[] _motion;
    private readonly Streak[][] _streaks;

    public ArtefactPlan(PhantomRandom rng, StudyGeometry geometry, float cavityBottomZ)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var count = geometry.SliceCount;
        _noiseOffsets = new (int, int)[count];
        _noiseFactors = new float[count];
        _motion = new Vector3[count];
        _streaks = new Streak[count][];
        for (var k = 0; k < count; k++)
        {
            _noiseOffsets[k] = ((int)(rng.NextUInt64() & 0xFFFF), (int)(rng.NextUInt64() & 0xFFFF));
            var headZ = geometry.SliceZ[k] - geometry.HeadCentre.Z;
            // Dense skull base: fewer photons, more noise.
            _noiseFactors[k] = 1f + 0.45f * Anatomy.FastMath.SmoothStep(-12f, cavityBottomZ + 10f, headZ);
            _streaks[k] = [];
        }

        HasMotion = rng.Chance(0.06);
        if (HasMotion)
        {
            var first = rng.NextInt(count);
            var length = 1 + rng.NextInt(3);
            var shift = new Vector3(rng.UniformF(-1f, 1f), rng.UniformF(-1f, 1f), 0f);
            shift = Vector3.Normalize(shift + new Vector3(1e-3f, 0, 0)) * rng.UniformF(1.5f, 4f);
            for (var k = first; k < Math.Min(count, first + length); k++) _motion[k] = shift;
        }

        HasStreaks = rng.Chance(0.3); // streaks through the posterior fossa are common on real scans
        if (HasStreaks)
        {
            var centre = geometry.HeadCentre;
            for (var k = 0; k < count; k++)
            {
                var headZ = geometry.SliceZ[k] - centre.Z;
                if (headZ > -10f || !rng.Chance(0.7)) continue;
                var lines = new Streak[2 + rng.NextInt(4)];
                for (var l = 0; l < lines.Length; l++)
                {
                    var angle = rng.UniformF(0f, MathF.PI);
                    lines[l] = new Streak(new Vector2(centre.X + rng.UniformF(-25f, 25f), centre.Y + rng.UniformF(0f, 40f)),
                        new Vector2(MathF.Cos(angle), MathF.Sin(angle)), rng.Sign() * rng.UniformF(15f, 40f));
                }
                _streaks[k] = lines;
            }
        }
    }

    /// <summary>Whether some slices carry motion.</summary>
    public bool HasMotion { get; }

    /// <summary>Whether some slices carry streaks.</summary>
    public bool HasStreaks { get; }

    /// <summary>In-plane displacement (head frame, mm) of part of the slice profile.</summary>
    public Vector3 MotionShift(int slice) => _motion[slice];

    /// <summary>Noise multiplier of a slice.</summary>
    public float NoiseFactor(int slice) => _noiseFactors[slice];

    /// <summary>Where the slice reads the noise texture.</summary>
    public (int X, int Y) NoiseOffset(int slice) => _noiseOffsets[slice];

    /// <summary>Adds this slice's streaks (thin lines of ± HU through dense bone) to a base-resolution image.</summary>
    public void AddStreaks(int slice, float[] image, int n, float spacingMm)
    {
        var streaks = _streaks[slice];
        if (streaks.Length == 0) return;
        var fov = n * spacingMm;
        foreach (var streak in streaks)
        {
            for (var row = 0; row < n; row++)
            {
                var y = -fov / 2f + (row + 0.5f) * spacingMm - streak.Through.Y;
                for (var col = 0; col < n; col++)
                {
                    var x = -fov / 2f + (col + 0.5f) * spacingMm - streak.Through.X;
                    var d = x * streak.Direction.Y - y * streak.Direction.X;
                    if (MathF.Abs(d) > 2.5f) continue;
                    // A dark core with bright fringes, fading with distance from the source.
                    var along = MathF.Abs(x * streak.Direction.X + y * streak.Direction.Y);
                    image[row * n + col] += streak.AmplitudeHu * (1f - 0.6f * d * d) * MathF.Exp(-along / 90f);
                }
            }
        }
    }

    private readonly record struct Streak(Vector2 Through, Vector2 Direction, float AmplitudeHu);
}
