using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ich.Phantoms.Anatomy;

/// <summary>
/// The sulcal pattern of one brain: the zero set of a sum of plane waves on the sphere of directions (radius
/// <see cref="ReferenceRadiusMm"/>), so each sulcus is a cone that runs straight in from the surface. Because the
/// pattern depends on direction only, its signed distance (value over tangential gradient, mm on the reference
/// sphere) is tabulated once per subject on a cube map and read back bilinearly — a few ns per voxel instead of
/// evaluating every wave at every voxel. The signed value is smooth across a sulcus, so interpolation keeps its zero.
/// </summary>
internal sealed class SulcalField
{
    /// <summary>Radius of the reference sphere, mm.</summary>
    public const float ReferenceRadiusMm = 70f;

    private const int Resolution = 128;
    private const float Limit = 20f;
    private readonly float[] _table = new float[6 * Resolution * Resolution];

    /// <summary>Tabulates the pattern of <paramref name="waveVectors"/> (cycles per mm) and <paramref name="phases"/> (cycles).</summary>
    public SulcalField(IReadOnlyList<Vector3> waveVectors, IReadOnlyList<float> phases)
    {
        if (waveVectors.Count != phases.Count) throw new ArgumentException("One phase per wave is needed.", nameof(phases));
        // Plain arrays: ~100 000 directions × waves read through IReadOnlyList cost interface calls per wave.
        Vector3[] waves = [.. waveVectors];
        float[] offsets = [.. phases];
        for (var face = 0; face < 6; face++)
        {
            for (var j = 0; j < Resolution; j++)
            {
                var v = -1f + 2f * j / (Resolution - 1);
                for (var i = 0; i < Resolution; i++)
                {
                    var u = -1f + 2f * i / (Resolution - 1);
                    var direction = Vector3.Normalize(FaceDirection(face, u, v));
                    _table[(face * Resolution + j) * Resolution + i] = Signed(direction, waves, offsets);
                }
            }
        }
    }

    /// <summary>Signed distance (mm on the reference sphere) from the sulcal surface along the direction of <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float SignedDistance(Vector3 p)
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
        var t = _table;
        var top = t[k] + fu * (t[k + 1] - t[k]);
        var bottom = t[k + Resolution] + fu * (t[k + Resolution + 1] - t[k + Resolution]);
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
            var t = Vector3.Dot(waveVectors[w], onSphere) + phases[w];
            n += FastMath.SinCycles(t);
            gradient += waveVectors[w] * FastMath.CosCycles(t);
        }
        // Only the tangential gradient moves a point off the sulcal surface.
        var tangential = gradient - direction * Vector3.Dot(gradient, direction);
        return Math.Clamp(n / (MathF.Tau * tangential.Length() + 1e-3f), -Limit, Limit);
    }
}
