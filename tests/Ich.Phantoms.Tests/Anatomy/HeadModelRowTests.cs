using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Tests.Anatomy;

public class HeadModelRowTests
{
    [Theory]
    [InlineData(1L, false)]
    [InlineData(2019L, true)]
    [InlineData(77L, true)]
    public void RowEvaluation_IsPointEvaluationToTheBit_FromNeckToVertex(long seed, bool massEffect)
    {
        var rng = PhantomRandom.ForStudy(seed, 5);
        var head = new HeadModel(rng, ageYears: 30 + 50 * rng.UniformF(0f, 1f), female: seed % 2 == 0);
        if (massEffect) head.MassEffect = new MassEffect(6f, 1, 10f, 20f);
        var samples = new AnatomySample[300];
        var compared = 0;
        for (var row = 0; row < 400; row++)
        {
            // Rows at every level, from the jaw to above the vertex, in any in-plane direction and a tilt, at the
            // pixel spacings of 256² and 512² matrices; odd starts and ends exercise the scalar remainder too.
            var z = rng.UniformF(-140f, 95f);
            var angle = rng.UniformF(0f, MathF.Tau);
            var tilt = rng.UniformF(-0.5f, 0.5f);
            var step = Vector3.Normalize(new Vector3(MathF.Cos(angle), MathF.Sin(angle), tilt)) * rng.UniformF(0.4f, 1.2f);
            var start = new Vector3(rng.UniformF(-20f, 20f), rng.UniformF(-20f, 20f), z) - step * 128f;
            var first = rng.NextInt(20);
            var end = 256 - rng.NextInt(20);
            head.EvaluateRow(start, step, first, end, samples);
            for (var i = first; i < end; i++)
            {
                head.Evaluate(start + step * i, out var expected);
                var actual = samples[i - first];
                Assert.True(SameBits(expected, actual),
                    $"row {row}, point {i} at {start + step * i}: {expected.Tissue} {expected.Hu} HU from the point, {actual.Tissue} {actual.Hu} HU from the row");
                compared++;
            }
        }
        Assert.True(compared > 80_000);
    }

    private static bool SameBits(in AnatomySample a, in AnatomySample b) =>
        a.Tissue == b.Tissue && Same(a.Hu, b.Hu) && Same(a.InnerDepth, b.InnerDepth) && Same(a.SulcusMargin, b.SulcusMargin)
        && Same(a.CavityDirection, b.CavityDirection) && Same(a.Brain, b.Brain);

    private static bool Same(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    private static bool Same(Vector3 a, Vector3 b) => Same(a.X, b.X) && Same(a.Y, b.Y) && Same(a.Z, b.Z);
}
