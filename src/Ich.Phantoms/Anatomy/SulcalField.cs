using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ich.Phantoms.Anatomy;

/// <summary>
/// The sulcal pattern of one brain: the zero set of a band-limited random field on the sphere of directions
/// (radius <see cref="ReferenceRadiusMm"/>), the sum of many plane waves of about one wavelength with random
/// directions. Few waves give families of straight, parallel grooves (a sunburst on every slice); many waves of
/// random direction give the meandering, branching maze of real gyri. Because the pattern depends on direction only,
/// its signed distance (value over tangential gradient, mm on the reference sphere) is tabulated once per subject on
/// a cube map and read back bilinearly — a few ns per voxel instead of every wave at every voxel. The signed value is
/// smooth across a sulcus, so interpolation keeps its zero. A second, coarser field bends the sulci with depth (see
/// <see cref="SignedDistance(Vector3, float)"/>), so they do not run straight in towards one centre.
/// </summary>
internal sealed class SulcalField
{
    /// <summary>Radius of the reference sphere, mm.</summary>
    public const float ReferenceRadiusMm = 70f;

    private const int Resolution = 160;
    private const float Limit = 20f;
    private readonly float[] _table = new float[6 * Resolution * Resolution];
    private readonly float[] _depthTable = new float[6 * Resolution * Resolution];
    private readonly Vector3[] _bendWaves;
    private readonly Vector3[] _bendAxes;

    /// <summary>Tabulates the pattern of <paramref name="waveVectors"/> (cycles per mm) and <paramref name="phases"/> (cycles).</summary>
    /// <param name="waveVectors">Wave vectors of the sulcal field.</param>
    /// <param name="phases">One phase per wave.</param>
    /// <param name="depthWaves">Wave vectors of a coarse field that modulates sulcal depth (0…1 after scaling).</param>
    /// <param name="bendWaves">Wave vectors of the field that bends sulci with depth.</param>
    /// <param name="bendAxes">Per bend wave, the (tangential) direction it pushes, mm of shift per mm of depth.</param>
    public SulcalField(IReadOnlyList<Vector3> waveVectors, IReadOnlyList<float> phases, IReadOnlyList<Vector3> depthWaves,
        IReadOnlyList<Vector3> bendWaves, IReadOnlyList<Vector3> bendAxes)
    {
        if (waveVectors.Count != phases.Count) throw new ArgumentException("One phase per wave is needed.", nameof(phases));
        if (bendWaves.Count != bendAxes.Count) throw new ArgumentException("One axis per bend wave is needed.", nameof(bendAxes));
        // Plain arrays: ~150 000 directions × waves read through IReadOnlyList cost interface calls per wave.
        Vector3[] waves = [.. waveVectors];
        float[] offsets = [.. phases];
        Vector3[] depth = [.. depthWaves];
        _bendWaves = [.. bendWaves];
        _bendAxes = [.. bendAxes];
        var row = new Vector3[Resolution];
        for (var face = 0; face < 6; face++)
        {
            for (var j = 0; j < Resolution; j++)
            {
                var v = -1f + 2f * j / (Resolution - 1);
                for (var i = 0; i < Resolution; i++) row[i] = Direction(face, i, v);
                var k = (face * Resolution + j) * Resolution;
                TabulateRow(row, waves, offsets, depth, _table.AsSpan(k, Resolution), _depthTable.AsSpan(k, Resolution));
            }
        }
    }

    /// <summary>The unit direction of table cell (<paramref name="face"/>, column <paramref name="i"/>, face coordinate <paramref name="v"/>).</summary>
    private static Vector3 Direction(int face, int i, float v) =>
        Vector3.Normalize(FaceDirection(face, -1f + 2f * i / (Resolution - 1), v));

    /// <summary>
    /// One table row: <see cref="Signed"/> and <see cref="Depth"/> of every direction, a vector of directions at a time.
    /// Built one direction at a time, the table was about a fifth of a 256² study's generation time. The lanes run the
    /// scalar code's operations in the scalar code's order, so the table is the same to the bit (a test checks it).
    /// </summary>
    private static void TabulateRow(Vector3[] directions, Vector3[] waves, float[] phases, Vector3[] depthWaves, Span<float> signed, Span<float> depth)
    {
        var width = Vector<float>.Count;
        Span<float> xs = stackalloc float[width], ys = stackalloc float[width], zs = stackalloc float[width];
        Span<float> n = stackalloc float[width], gx = stackalloc float[width], gy = stackalloc float[width], gz = stackalloc float[width];
        var i = 0;
        for (; i <= directions.Length - width; i += width)
        {
            for (var l = 0; l < width; l++)
            {
                var onSphere = directions[i + l] * ReferenceRadiusMm;
                xs[l] = onSphere.X; ys[l] = onSphere.Y; zs[l] = onSphere.Z;
            }
            Vector<float> x = new(xs), y = new(ys), z = new(zs);
            Vector<float> sum = Vector<float>.Zero, sx = Vector<float>.Zero, sy = Vector<float>.Zero, sz = Vector<float>.Zero;
            for (var w = 0; w < waves.Length; w++)
            {
                var k = waves[w];
                var t = k.X * x + k.Y * y + k.Z * z + new Vector<float>(phases[w]);
                sum += FastMath.SinCycles(t);
                var c = FastMath.SinCycles(t + new Vector<float>(0.25f));
                sx += k.X * c; sy += k.Y * c; sz += k.Z * c;
            }
            sum.CopyTo(n); sx.CopyTo(gx); sy.CopyTo(gy); sz.CopyTo(gz);
            for (var l = 0; l < width; l++) signed[i + l] = FromSums(directions[i + l], n[l], new Vector3(gx[l], gy[l], gz[l]));

            var d = Vector<float>.Zero;
            foreach (var k in depthWaves) d += FastMath.SinCycles(k.X * x + k.Y * y + k.Z * z);
            d.CopyTo(n);
            for (var l = 0; l < width; l++) depth[i + l] = DepthFromSum(n[l], depthWaves.Length);
        }
        for (; i < directions.Length; i++)
        {
            signed[i] = Signed(directions[i], waves, phases);
            depth[i] = Depth(directions[i], depthWaves);
        }
    }

    /// <summary>
    /// Signed distance (mm on the reference sphere) from the sulcal surface for a brain point <paramref name="p"/>
    /// <paramref name="depthMm"/> below the brain surface: the direction is bent sideways in proportion to depth, so a
    /// sulcus curves and changes course on its way in.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float SignedDistance(Vector3 p, float depthMm)
    {
        if (depthMm > 0f)
        {
            var unit = p * (1f / (p.Length() + 1e-3f));
            var onSphere = unit * ReferenceRadiusMm;
            var bend = Vector3.Zero;
            for (var w = 0; w < _bendWaves.Length; w++) bend += _bendAxes[w] * FastMath.SinCycles(Vector3.Dot(_bendWaves[w], onSphere));
            p = unit + bend * (depthMm * (1f / ReferenceRadiusMm));
        }
        return Lookup(_table, p);
    }

    /// <summary>Relative depth of the sulci along the direction of <paramref name="p"/>: about 0.55 … 1.45.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float RelativeDepth(Vector3 p) => Lookup(_depthTable, p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Lookup(float[] t, Vector3 p)
    {
        float ax = MathF.Abs(p.X), ay = MathF.Abs(p.Y), az = MathF.Abs(p.Z);
        int face;
        float u, v, inv;
        if (ax >= ay && ax >= az) { face = p.X > 0 ? 0 : 1; inv = 1f / (ax + 1e-9f); u = p.Y * inv; v = p.Z * inv; }
        else if (ay >= az) { face = p.Y > 0 ? 2 : 3; inv = 1f / ay; u = p.X * inv; v = p.Z * inv; }
        else { face = p.Z > 0 ? 4 : 5; inv = 1f / az; u = p.X * inv; v = p.Y * inv; }
        const float scale = (Resolution - 1) * 0.5f;
        var fu = (u + 1f) * scale;
        var fv = (v + 1f) * scale;
        var i = Math.Clamp((int)fu, 0, Resolution - 2);
        var j = Math.Clamp((int)fv, 0, Resolution - 2);
        fu -= i;
        fv -= j;
        var k = (face * Resolution + j) * Resolution + i;
        var top = t[k] + fu * (t[k + 1] - t[k]);
        var bottom = t[k + Resolution] + fu * (t[k + Resolution + 1] - t[k + Resolution]);
        return top + fv * (bottom - top);
    }

    /// <summary><see cref="SignedDistance(Vector3, float)"/> for a vector of points, lane for lane the same operations.</summary>
    public Vector<float> SignedDistance(Vector<float> x, Vector<float> y, Vector<float> z, Vector<float> depthMm)
    {
        var inv = Vector<float>.One / (Vector.SquareRoot(x * x + y * y + z * z) + new Vector<float>(1e-3f));
        Vector<float> ux = x * inv, uy = y * inv, uz = z * inv;
        Vector<float> sx = ux * ReferenceRadiusMm, sy = uy * ReferenceRadiusMm, sz = uz * ReferenceRadiusMm;
        Vector<float> bx = Vector<float>.Zero, by = Vector<float>.Zero, bz = Vector<float>.Zero;
        for (var w = 0; w < _bendWaves.Length; w++)
        {
            var k = _bendWaves[w];
            var push = FastMath.SinCycles(new Vector<float>(k.X) * sx + new Vector<float>(k.Y) * sy + new Vector<float>(k.Z) * sz);
            var axis = _bendAxes[w];
            bx += new Vector<float>(axis.X) * push;
            by += new Vector<float>(axis.Y) * push;
            bz += new Vector<float>(axis.Z) * push;
        }
        var along = depthMm * (1f / ReferenceRadiusMm);
        var bent = Vector.GreaterThan(depthMm, Vector<float>.Zero);
        return Lookup(_table,
            Vector.ConditionalSelect(bent, ux + bx * along, x),
            Vector.ConditionalSelect(bent, uy + by * along, y),
            Vector.ConditionalSelect(bent, uz + bz * along, z));
    }

    /// <summary><see cref="RelativeDepth(Vector3)"/> for a vector of points.</summary>
    public Vector<float> RelativeDepth(Vector<float> x, Vector<float> y, Vector<float> z) => Lookup(_depthTable, x, y, z);

    /// <summary>
    /// <see cref="Lookup(float[], Vector3)"/> for a vector of directions: the cube face and the cell a vector at a
    /// time, the four table reads per lane (there is no portable gather), the bilinear blend a vector at a time.
    /// </summary>
    [SkipLocalsInit]
    private static Vector<float> Lookup(float[] t, Vector<float> x, Vector<float> y, Vector<float> z)
    {
        var one = Vector<float>.One;
        Vector<float> ax = Vector.Abs(x), ay = Vector.Abs(y), az = Vector.Abs(z);
        var onX = Vector.GreaterThanOrEqual(ax, ay) & Vector.GreaterThanOrEqual(ax, az);
        var onY = ~onX & Vector.GreaterThanOrEqual(ay, az);
        var invX = one / (ax + new Vector<float>(1e-9f));
        var invY = one / ay;
        var invZ = one / az;
        var u = Vector.ConditionalSelect(onX, y * invX, Vector.ConditionalSelect(onY, x * invY, x * invZ));
        var v = Vector.ConditionalSelect(onX, z * invX, Vector.ConditionalSelect(onY, z * invY, y * invZ));
        var zero = Vector<float>.Zero;
        var face = Vector.ConditionalSelect(onX, Vector.ConditionalSelect(Vector.GreaterThan(x, zero), Vector<int>.Zero, Vector<int>.One),
            Vector.ConditionalSelect(onY, Vector.ConditionalSelect(Vector.GreaterThan(y, zero), new Vector<int>(2), new Vector<int>(3)),
                Vector.ConditionalSelect(Vector.GreaterThan(z, zero), new Vector<int>(4), new Vector<int>(5))));
        const float scale = (Resolution - 1) * 0.5f;
        var fu = (u + one) * scale;
        var fv = (v + one) * scale;
        var last = new Vector<int>(Resolution - 2);
        var i = Vector.Min(Vector.Max(Vector.ConvertToInt32(fu), Vector<int>.Zero), last);
        var j = Vector.Min(Vector.Max(Vector.ConvertToInt32(fv), Vector<int>.Zero), last);
        fu -= Vector.ConvertToSingle(i);
        fv -= Vector.ConvertToSingle(j);
        var cell = (face * Resolution + j) * Resolution + i;
        var width = Vector<float>.Count;
        Span<float> c00 = stackalloc float[width], c01 = stackalloc float[width], c10 = stackalloc float[width], c11 = stackalloc float[width];
        for (var l = 0; l < width; l++)
        {
            var k = cell[l];
            c00[l] = t[k]; c01[l] = t[k + 1]; c10[l] = t[k + Resolution]; c11[l] = t[k + Resolution + 1];
        }
        Vector<float> a = new(c00), b = new(c01), c = new(c10), d = new(c11);
        var top = a + fu * (b - a);
        var bottom = c + fu * (d - c);
        return top + fv * (bottom - top);
    }

    private static Vector3 FaceDirection(int face, float u, float v) => face switch
    {
        0 => new(1f, u, v),
        1 => new(-1f, u, v),
        2 => new(u, 1f, v),
        3 => new(u, -1f, v),
        4 => new(u, v, 1f),
        _ => new(u, v, -1f),
    };

    private static float Signed(Vector3 direction, Vector3[] waveVectors, float[] phases)
    {
        var onSphere = direction * ReferenceRadiusMm;
        float n = 0f;
        var gradient = Vector3.Zero;
        for (var w = 0; w < waveVectors.Length; w++)
        {
            var t = Dot(waveVectors[w], onSphere) + phases[w];
            n += FastMath.SinCycles(t);
            gradient += waveVectors[w] * FastMath.CosCycles(t);
        }
        return FromSums(direction, n, gradient);
    }

    /// <summary>The signed distance from the field's value and gradient at <paramref name="direction"/>.</summary>
    private static float FromSums(Vector3 direction, float n, Vector3 gradient)
    {
        // Only the tangential gradient moves a point off the sulcal surface.
        var tangential = gradient - direction * Vector3.Dot(gradient, direction);
        return Math.Clamp(n / (MathF.Tau * tangential.Length() + 1e-3f), -Limit, Limit);
    }

    private static float Depth(Vector3 direction, Vector3[] waves)
    {
        var onSphere = direction * ReferenceRadiusMm;
        var n = 0f;
        foreach (var w in waves) n += FastMath.SinCycles(Dot(w, onSphere));
        return DepthFromSum(n, waves.Length);
    }

    // A sum of k unit sines has SD √(k/2): scale to about ±0.45 at one SD.
    private static float DepthFromSum(float n, int waves) =>
        Math.Clamp(1f + 0.45f * n / MathF.Sqrt(0.5f * Math.Max(1, waves)), 0.55f, 1.45f);

    // Written out, in the order the vector lanes of TabulateRow add, so both paths give the same bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(Vector3 a, Vector3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    /// <summary>The table cells, as built (for tests).</summary>
    internal ReadOnlySpan<float> Table => _table;

    /// <summary>The depth cells, as built (for tests).</summary>
    internal ReadOnlySpan<float> DepthTable => _depthTable;

    /// <summary>One cell computed direction by direction, with the scalar code (the reference for the vector build).</summary>
    internal static (float Signed, float Depth) ReferenceCell(int face, int j, int i, IReadOnlyList<Vector3> waves, IReadOnlyList<float> phases, IReadOnlyList<Vector3> depthWaves)
    {
        var direction = Direction(face, i, -1f + 2f * j / (Resolution - 1));
        return (Signed(direction, [.. waves], [.. phases]), Depth(direction, [.. depthWaves]));
    }

    /// <summary>Cells per face side.</summary>
    internal const int CellsPerSide = Resolution;
}
