using System.Numerics;

namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>
/// Unit-variance noise with the background's pixel-to-pixel correlation (a separable two-sided AR(1) filter), one slice
/// at a time from one generator, so a study holds one slice of noise rather than all of them. Slice j is the same whatever
/// is done between slices.
/// </summary>
internal sealed class CorrelatedNoise
{
    private readonly PhantomRandom _rng;
    private readonly float _coefficient;
    private readonly int _width, _height;
    private readonly float[] _slice;

    public CorrelatedNoise(PhantomRandom rng, float coefficient, int width, int height)
    {
        (_rng, _coefficient, _width, _height) = (rng, coefficient, width, height);
        _slice = new float[width * height];
    }

    /// <summary>The next slice's noise (overwritten by the next call).</summary>
    public ReadOnlySpan<float> Next()
    {
        var n = _slice.AsSpan();
        _rng.FillNormal(n);
        if (_coefficient > 0f)
        {
            FilterRows(n, _width, _height, _coefficient);
            FilterColumns(n, _width, _height, _coefficient);
        }
        double sum2 = 0;
        foreach (var value in n) sum2 += value * value;
        var scale = (float)(1 / Math.Sqrt(sum2 / n.Length));
        for (var p = 0; p < n.Length; p++) n[p] *= scale;
        return n;
    }

    /// <summary>Adds <paramref name="sd"/> × <paramref name="noise"/> to a slice; air outside the head stays air.</summary>
    public static void AddTo(Span<short> slice, ReadOnlySpan<float> noise, float sd)
    {
        noise = noise[..slice.Length];
        for (var p = 0; p < slice.Length; p++)
        {
            if (slice[p] <= -1000) continue;
            slice[p] = (short)Math.Clamp(MathF.Round(slice[p] + sd * noise[p]), -1024f, 3071f);
        }
    }

    /// <summary>
    /// x[i] = x[i] + a·x[i−1] forwards, then the same backwards, along each row. Four rows at a time: each row's chain is
    /// serial, four of them keep the core busy; every row sees exactly the operations of a row on its own.
    /// </summary>
    private static void FilterRows(Span<float> n, int w, int h, float a)
    {
        var y = 0;
        for (; y + 4 <= h; y += 4)
        {
            Span<float> r0 = n.Slice(y * w, w), r1 = n.Slice((y + 1) * w, w), r2 = n.Slice((y + 2) * w, w), r3 = n.Slice((y + 3) * w, w);
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (var i = 0; i < w; i++)
            {
                r0[i] = s0 = r0[i] + a * s0;
                r1[i] = s1 = r1[i] + a * s1;
                r2[i] = s2 = r2[i] + a * s2;
                r3[i] = s3 = r3[i] + a * s3;
            }
            (s0, s1, s2, s3) = (0f, 0f, 0f, 0f);
            for (var i = w - 1; i >= 0; i--)
            {
                r0[i] = s0 = r0[i] + a * s0;
                r1[i] = s1 = r1[i] + a * s1;
                r2[i] = s2 = r2[i] + a * s2;
                r3[i] = s3 = r3[i] + a * s3;
            }
        }
        for (; y < h; y++)
        {
            var r = n.Slice(y * w, w);
            var s = 0f;
            for (var i = 0; i < w; i++) r[i] = s = r[i] + a * s;
            s = 0f;
            for (var i = w - 1; i >= 0; i--) r[i] = s = r[i] + a * s;
        }
    }

    /// <summary>The same filter down each column, all columns at once row by row (SIMD across columns, same arithmetic).</summary>
    private static void FilterColumns(Span<float> n, int w, int h, float a)
    {
        Span<float> zero = w <= 1024 ? stackalloc float[w] : new float[w];
        zero.Clear();
        ReadOnlySpan<float> previous = zero;
        for (var y = 0; y < h; y++)
        {
            var row = n.Slice(y * w, w);
            Step(row, previous, a);
            previous = row;
        }
        previous = zero;
        for (var y = h - 1; y >= 0; y--)
        {
            var row = n.Slice(y * w, w);
            Step(row, previous, a);
            previous = row;
        }
    }

    /// <summary>row[x] = row[x] + a·state[x]: a multiply then an add per lane, as the scalar filter does.</summary>
    private static void Step(Span<float> row, ReadOnlySpan<float> state, float a)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(a);
            for (; x + Vector<float>.Count <= row.Length; x += Vector<float>.Count)
            {
                var r = new Vector<float>(row[x..]);
                var s = new Vector<float>(state[x..]);
                (r + va * s).CopyTo(row[x..]);
            }
        }
        for (; x < row.Length; x++) row[x] = row[x] + a * state[x];
    }
}
