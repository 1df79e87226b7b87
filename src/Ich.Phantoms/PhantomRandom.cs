namespace Ich.Phantoms;

/// <summary>
/// A small seeded generator (xoshiro256**, seeded through SplitMix64). Hand-written rather than
/// <see cref="System.Random"/> because the phantoms promise "same seed, same bytes" across .NET versions,
/// and the framework documents no such guarantee for its seeded algorithm.
/// </summary>
public sealed class PhantomRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public PhantomRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>
    /// The generator of one study: depends only on the cohort seed and the study's index, so a study is the
    /// same whether a cohort of 1 or of 1000 is generated.
    /// </summary>
    public static PhantomRandom ForStudy(long seed, int studyIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(studyIndex);
        var sm = unchecked((ulong)seed);
        var a = SplitMix(ref sm);
        sm = a ^ unchecked((ulong)studyIndex * 0xD1B54A32D192ED03UL);
        return new PhantomRandom(SplitMix(ref sm));
    }

    /// <summary>A new generator seeded from this one, for an independent stream (e.g. noise vs anatomy).</summary>
    public PhantomRandom Fork() => new(NextUInt64());

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>A uniform float in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public float UniformF(float min, float max) => (float)Uniform(min, max);

    /// <summary>A uniform integer in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)(NextDouble() * count);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>-1 or +1 with equal probability.</summary>
    public int Sign() => Chance(0.5) ? 1 : -1;

    /// <summary>A standard normal deviate (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A uniformly distributed unit vector.</summary>
    public System.Numerics.Vector3 UnitVector()
    {
        var z = Uniform(-1, 1);
        var phi = Uniform(0, 2 * Math.PI);
        var r = Math.Sqrt(1 - z * z);
        return new((float)(r * Math.Cos(phi)), (float)(r * Math.Sin(phi)), (float)z);
    }

    /// <summary>Fills <paramref name="target"/> with standard normal deviates (two per Box–Muller draw).</summary>
    public void FillNormal(Span<float> target)
    {
        var i = 0;
        for (; i + 1 < target.Length; i += 2)
        {
            var u1 = 1.0 - NextDouble();
            var u2 = NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1));
            var (s, c) = Math.SinCos(2.0 * Math.PI * u2);
            target[i] = (float)(r * c);
            target[i + 1] = (float)(r * s);
        }
        if (i < target.Length) target[i] = (float)Normal();
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
