namespace Ich.Training.Host.Data;

/// <summary>
/// Deterministic seeds from several numbers (SplitMix64). <see cref="HashCode"/> is randomised per process, so it
/// must not decide which study or augmentation a step sees: a resumed run has to see the same data.
/// </summary>
public static class SeedMixer
{
    /// <summary>Mixes the values into one 64-bit seed.</summary>
    public static long Mix(params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var state = 0x9E3779B97F4A7C15UL;
        foreach (var v in values)
        {
            state ^= unchecked((ulong)v);
            state = Scramble(state);
        }

        return unchecked((long)state);
    }

    /// <summary>A <see cref="Random"/> seeded from the mixed values.</summary>
    public static Random Random(params long[] values) => new((int)(Mix(values) & 0x7FFFFFFF));

    private static ulong Scramble(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
