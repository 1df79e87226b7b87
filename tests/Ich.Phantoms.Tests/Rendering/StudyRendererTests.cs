using Ich.Phantoms.Rendering;

namespace Ich.Phantoms.Tests.Rendering;

/// <summary>
/// The slice profile: a triangle of the slice thickness at half maximum, sampled by planes that contiguous slices
/// share. Sharing is a cache, so it must not change a single bit.
/// </summary>
public sealed class StudyRendererTests
{
    private const long Seed = 4242;

    [Theory]
    [InlineData(0.625f, new[] { -0.3125f, 0.3125f }, new[] { 0.5f, 0.5f })]
    [InlineData(2.5f, new[] { -1.25f, 1.25f }, new[] { 0.5f, 0.5f })]
    [InlineData(3f, new[] { -1.5f, 0f, 1.5f }, new[] { 0.25f, 0.5f, 0.25f })]
    [InlineData(5f, new[] { -2.5f, 0f, 2.5f }, new[] { 0.25f, 0.5f, 0.25f })]
    public void ProfilePlanes_SpanTheHalfMaximumPointsOfATriangle(float thickness, float[] offsets, float[] weights)
    {
        var (o, w) = StudyRenderer.ProfilePlanes(thickness);

        Assert.Equal(offsets, o);
        Assert.Equal(weights, w);
    }

    [Theory]
    [InlineData(3f)]
    [InlineData(5f)]
    public void ProfilePlanes_OfTiltedSlices_MatchTheSharedProfilesMeanAndVarianceWithTwoPlanes(float thickness)
    {
        var (shared, sharedWeights) = StudyRenderer.ProfilePlanes(thickness);
        var (tilted, tiltedWeights) = StudyRenderer.ProfilePlanes(thickness, shared: false);

        Assert.Equal(2, tilted.Length);
        Assert.Equal(Variance(shared, sharedWeights), Variance(tilted, tiltedWeights), 4);
        Assert.Equal(0f, tilted.Zip(tiltedWeights, (o, w) => o * w).Sum(), 5);

        static float Variance(float[] o, float[] w) => o.Zip(w, (x, v) => v * x * x).Sum();
    }

    [Theory]
    [InlineData(6f)]
    [InlineData(7.5f)]
    [InlineData(10f)]
    public void ProfilePlanes_OfThickSlices_StayWithinTheSpacingAndSumToOne(float thickness)
    {
        var (o, w) = StudyRenderer.ProfilePlanes(thickness);

        Assert.Equal(-thickness / 2, o[0], 4);
        Assert.Equal(thickness / 2, o[^1], 4);
        Assert.All(o.Zip(o.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 0.1f, StudyRenderer.MaxPlaneSpacingMm + 1e-4f));
        Assert.Equal(1f, w.Sum(), 5);
        // Heavier at the centre than at the half-maximum points, as the triangle is.
        Assert.True(w[w.Length / 2] > w[0]);
        Assert.Equal(w[0], w[^1]);
    }

    public static TheoryData<float, float> Scanners => new()
    {
        { 5f, 0f }, { 1.25f, 0f }, { 3f, 0f }, { 5f, 20f },
    };

    [Theory]
    [MemberData(nameof(Scanners))]
    public void SharedPlanes_GiveTheSameBitsAsEvaluatingEveryPlane(float thickness, float tilt)
    {
        // Studies with lesions and, among them, ones whose motion ghosts a slice's lowest plane (never carried over).
        var generator = new PhantomGenerator(Seed, new PhantomOptions { Matrix = 128, SliceThicknessMm = thickness, GantryTiltDegrees = tilt, Hemorrhage = true });
        var indices = Enumerable.Range(0, 400).Where(i => generator.Plan(i).Artefacts.HasMotion).Take(2).Concat([0, 1]).ToList();
        Assert.Equal(4, indices.Count);

        foreach (var index in indices)
        {
            var plan = generator.Plan(index);
            var (shared, sharedMaps, sharedCount) = Render(plan, share: true);
            var (fresh, freshMaps, freshCount) = Render(plan, share: false);

            for (var k = 0; k < shared.Slices.Length; k++)
            {
                Assert.True(shared.Slices[k].AsSpan().SequenceEqual(fresh.Slices[k]), $"Study {index}, slice {k}: pixels differ.");
                Assert.Equal(fresh.Masks[k], shared.Masks[k]);
                Assert.Equal(freshMaps[k].LesionMask, sharedMaps[k].LesionMask);
                Assert.Equal(freshMaps[k].LesionFootprint, sharedMaps[k].LesionFootprint);
                Assert.Equal(freshMaps[k].Intracranial, sharedMaps[k].Intracranial);
                Assert.Equal(freshMaps[k].Tissue, sharedMaps[k].Tissue);
            }
            Assert.Equal(fresh.Voxels, shared.Voxels);

            // Untilted slices evaluate one plane fewer each (bar the first and any with motion); tilted ones cannot share.
            var planes = StudyRenderer.ProfilePlanes(thickness, shared: tilt == 0f).Offsets.Length;
            var slices = plan.Geometry.SliceCount;
            Assert.Equal(slices * planes, freshCount);
            if (tilt == 0f) Assert.InRange(sharedCount, slices * (planes - 1) + 1, slices * (planes - 1) + 4);
            else Assert.Equal(freshCount, sharedCount);
        }
    }

    [Fact]
    public void Slice_RenderedAlone_EqualsTheSameSliceRenderedInSequence()
    {
        var generator = new PhantomGenerator(Seed, new PhantomOptions { Matrix = 128, SliceThicknessMm = 5f, GantryTiltDegrees = 0f, Hemorrhage = true });
        var plan = generator.Plan(2);
        var (sequence, _, _) = Render(plan, share: true);
        var k = plan.Geometry.SliceCount / 2;

        var alone = new StudyRenderer(plan.Head, plan.Lesions, plan.Geometry, null, 0f, plan.Artefacts, plan.Scanner);
        var pixels = new short[plan.Geometry.Matrix * plan.Geometry.Matrix];
        var mask = alone.RenderSlice(k, pixels, new int[plan.Lesions.Count]);

        Assert.True(pixels.AsSpan().SequenceEqual(sequence.Slices[k]));
        Assert.Equal(sequence.Masks[k], mask);
    }

    private static (Rendered Result, List<SliceDiagnostics> Maps, int Planes) Render(StudyPlan plan, bool share)
    {
        // Noise-free: the texture field would consume the plan's noise stream once per render.
        var renderer = new StudyRenderer(plan.Head, plan.Lesions, plan.Geometry, null, 0f, plan.Artefacts, plan.Scanner, share);
        var g = plan.Geometry;
        var slices = new short[g.SliceCount][];
        var masks = new byte[g.SliceCount];
        var voxels = new int[plan.Lesions.Count];
        var maps = new List<SliceDiagnostics>();
        for (var k = 0; k < g.SliceCount; k++)
        {
            slices[k] = new short[g.Matrix * g.Matrix];
            var d = new SliceDiagnostics(renderer.BaseMatrix);
            masks[k] = renderer.RenderSlice(k, slices[k], voxels, d);
            maps.Add(d);
        }
        return (new Rendered(slices, masks, voxels), maps, renderer.PlanesEvaluated);
    }

    private sealed record Rendered(short[][] Slices, byte[] Masks, int[] Voxels);
}
