using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ich.Phantoms.Anatomy;

/// <summary>
/// Cheap approximations used in the per-voxel hot loop, where <see cref="MathF.Sin(float)"/> would cost most of
/// the 30 ns per voxel budget. Accuracy (~1e-3) is far below what the CT noise hides.
/// </summary>
internal static class FastMath
{
    /// <summary>sin(2π·t) for t in cycles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SinCycles(float t)
    {
        var x = 2f * (t - MathF.Round(t)); // [-1, 1] ↔ [-π, π]
        var y = 4f * x - 4f * x * MathF.Abs(x);
        return 0.225f * (y * MathF.Abs(y) - y) + y;
    }

    /// <summary>cos(2π·t) for t in cycles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CosCycles(float t) => SinCycles(t + 0.25f);

    /// <summary>Hermite smoothstep of <paramref name="x"/> between <paramref name="e0"/> and <paramref name="e1"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SmoothStep(float e0, float e1, float x)
    {
        var t = Math.Clamp((x - e0) / (e1 - e0), 0f, 1f);
        return t * t * (3f - 2f * t);
    }

    /// <summary><see cref="SinCycles(float)"/> a vector at a time, lane for lane the same operations (the same bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SinCycles(Vector<float> t)
    {
        var x = new Vector<float>(2f) * (t - Vector.Round(t));
        var y = new Vector<float>(4f) * x - new Vector<float>(4f) * x * Vector.Abs(x);
        return new Vector<float>(0.225f) * (y * Vector.Abs(y) - y) + y;
    }

    /// <summary><see cref="SmoothStep(float, float, float)"/> a vector at a time, lane for lane the same operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SmoothStep(float e0, float e1, Vector<float> x)
    {
        var t = Vector.Min(Vector.Max((x - new Vector<float>(e0)) / new Vector<float>(e1 - e0), Vector<float>.Zero), Vector<float>.One);
        return t * t * (new Vector<float>(3f) - new Vector<float>(2f) * t);
    }

    /// <summary>Squared normalised radius of point (x, y, z) in an axis-aligned ellipsoid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Ellipsoid(float x, float y, float z, in Ellipsoid e)
    {
        var dx = (x - e.Cx) * e.Ix;
        var dy = (y - e.Cy) * e.Iy;
        var dz = (z - e.Cz) * e.Iz;
        return dx * dx + dy * dy + dz * dz;
    }

    /// <summary>Squared distance from (x, y) to the segment a→b in the plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SegmentDistanceSquared(float x, float y, float ax, float ay, float bx, float by)
    {
        float vx = bx - ax, vy = by - ay, wx = x - ax, wy = y - ay;
        var t = Math.Clamp((wx * vx + wy * vy) / (vx * vx + vy * vy), 0f, 1f);
        float dx = wx - t * vx, dy = wy - t * vy;
        return dx * dx + dy * dy;
    }
}

/// <summary>An axis-aligned ellipsoid stored with inverse radii, for the hot loop.</summary>
internal readonly struct Ellipsoid(float cx, float cy, float cz, float rx, float ry, float rz)
{
    public readonly float Cx = cx, Cy = cy, Cz = cz;
    public readonly float Ix = 1f / rx, Iy = 1f / ry, Iz = 1f / rz;
    public readonly float Rx = rx, Ry = ry, Rz = rz;

    /// <summary>The same ellipsoid mirrored to the other hemisphere (x → −x).</summary>
    public Ellipsoid Mirrored => new(-Cx, Cy, Cz, Rx, Ry, Rz);

    /// <summary>True when the point lies inside.</summary>
    public bool Contains(float x, float y, float z) => FastMath.Ellipsoid(x, y, z, this) < 1f;
}
