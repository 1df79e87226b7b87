using System.Numerics;
using Ich.Phantoms.Anatomy;

namespace Ich.Phantoms.Tests.Anatomy;

public class SulcalFieldTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(2019L)]
    public void VectorBuiltTable_IsTheScalarFieldToTheBit_InEveryCell(long seed)
    {
        // Drawn the way the head model draws its waves, so the values cover the ranges the generator sees.
        var rng = PhantomRandom.ForStudy(seed, 3);
        var wavelength = rng.UniformF(14f, 17f);
        var waves = Enumerable.Range(0, 28).Select(_ => rng.UnitVector() / (wavelength * rng.UniformF(0.9f, 1.1f))).ToArray();
        var phases = Enumerable.Range(0, 28).Select(_ => rng.UniformF(0f, 1f)).ToArray();
        var depth = Enumerable.Range(0, 4).Select(_ => rng.UnitVector() / rng.UniformF(50f, 90f)).ToArray();
        var bend = Enumerable.Range(0, 3).Select(_ => rng.UnitVector() / rng.UniformF(70f, 120f)).ToArray();
        var axes = Enumerable.Range(0, 3).Select(_ => rng.UnitVector()).ToArray();

        var field = new SulcalField(waves, phases, depth, bend, axes);

        var n = SulcalField.CellsPerSide;
        var table = field.Table.ToArray();
        var depthTable = field.DepthTable.ToArray();
        var mismatches = 0;
        for (var face = 0; face < 6; face++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var i = 0; i < n; i++)
                {
                    var (signed, relative) = SulcalField.ReferenceCell(face, j, i, waves, phases, depth);
                    var k = (face * n + j) * n + i;
                    if (BitConverter.SingleToInt32Bits(signed) != BitConverter.SingleToInt32Bits(table[k])
                        || BitConverter.SingleToInt32Bits(relative) != BitConverter.SingleToInt32Bits(depthTable[k])) mismatches++;
                }
            }
        }

        Assert.Equal(0, mismatches);
        Assert.Contains(table, v => v < 0f);
        Assert.Contains(table, v => v > 0f);
    }
}
