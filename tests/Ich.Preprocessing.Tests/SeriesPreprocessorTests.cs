using Ich.Phantoms;
using Ich.Preprocessing;

namespace Ich.Preprocessing.Tests;

public class SeriesPreprocessorTests
{
    private static PhantomStudy Phantom(int matrix, float thickness, long seed = 5) =>
        new PhantomGenerator(seed, new PhantomOptions { Matrix = matrix, SliceThicknessMm = thickness, Hemorrhage = false }).Generate(0);

    private static HuVolume Volume(PhantomStudy study) =>
        HuVolume.FromSlices(study.Slices, study.Geometry.Matrix, study.Geometry.Matrix, study.Geometry.PixelSpacingMm, study.Geometry.SliceThicknessMm);

    [Fact]
    public void Phantom_GivesTensorOfContractShape_WithValuesInUnitRange()
    {
        var study = Phantom(256, 5f);
        var contract = InputContract.Default with { InputSize = 64 };

        var input = SeriesPreprocessor.Preprocess(Volume(study), contract);

        Assert.Equal([study.Slices.Count, 3, 64, 64], input.Shape);
        Assert.Equal(input.SlabCount * 3 * 64 * 64, input.Tensor.Length);
        Assert.All(input.Tensor, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(Enumerable.Range(0, study.Slices.Count), input.SlabOfSlice);
    }

    [Fact]
    public void HeadIsFound_AndSkullLiesInsideTheField()
    {
        var study = Phantom(256, 5f);

        var input = SeriesPreprocessor.Preprocess(Volume(study), InputContract.Default with { InputSize = 64 });

        Assert.True(input.Head.FoundSkull);
        // The model field's border (outer ring of pixels) is air in the soft-tissue channel: nothing of the head is cut.
        var size = input.Size;
        for (var s = 0; s < input.SlabCount; s++)
        {
            var soft = input.SlabValues(s).Slice(2 * size * size, size * size);
            for (var i = 0; i < size; i++)
            {
                Assert.True(soft[i] < 0.05f, $"slab {s}: top border pixel {i} is {soft[i]}");
                Assert.True(soft[(size - 1) * size + i] < 0.05f, $"slab {s}: bottom border pixel {i} is {soft[(size - 1) * size + i]}");
            }
        }
    }

    [Fact]
    public void SameHeadAtTwoMatrices_LooksTheSameToTheModel()
    {
        // One physical field: a 512² and a 256² rendering of the same anatomy give nearly the same tensor.
        var contract = InputContract.Default with { InputSize = 64 };
        var fine = SeriesPreprocessor.Preprocess(Volume(Phantom(512, 5f)), contract);
        var coarse = SeriesPreprocessor.Preprocess(Volume(Phantom(256, 5f)), contract);

        Assert.Equal(fine.SlabCount, coarse.SlabCount);
        Assert.True(Correlation(fine.Tensor, coarse.Tensor) > 0.95, $"correlation {Correlation(fine.Tensor, coarse.Tensor)}");
    }

    [Fact]
    public void ThinSlices_AreAveragedIntoSlabs_AndEverySliceMapsToOne()
    {
        var study = Phantom(128, 1.25f);

        var input = SeriesPreprocessor.Preprocess(Volume(study), InputContract.Default with { InputSize = 32 });

        Assert.Equal((study.Slices.Count + 3) / 4, input.SlabCount);
        Assert.Equal(study.Slices.Count, input.SlabOfSlice.Count);
        for (var i = 0; i < study.Slices.Count; i++) Assert.Equal(i / 4, input.SlabOfSlice[i]);
    }

    [Fact]
    public void SlabOfConstantSlices_KeepsTheValue()
    {
        var voxels = Enumerable.Repeat(40f, 64 * 64 * 8).ToArray();
        var volume = new HuVolume(64, 64, voxels, 4, 4, [.. Enumerable.Range(0, 8).Select(i => i * 0.625)]);

        var input = SeriesPreprocessor.Preprocess(volume, InputContract.Default with { InputSize = 16, FieldOfViewMm = 200 });

        Assert.Equal(1, input.SlabCount);
        // Brain window 40/80: 40 HU maps to 0.5 wherever the field lies inside the image.
        Assert.Equal(0.5f, input.Tensor[8 * 16 + 8], 4);
    }

    [Fact]
    public void WindowsMapHounsfieldUnitsLinearlyAndClamp()
    {
        var window = IntensityWindow.Brain;

        Assert.Equal(0f, window.Apply(-100f));
        Assert.Equal(0f, window.Apply(0f));
        Assert.Equal(0.75f, window.Apply(60f), 5);
        Assert.Equal(1f, window.Apply(500f));
    }

    [Fact]
    public void InvalidContract_IsRefused()
    {
        var volume = new HuVolume(8, 8, new float[64], 1, 1, [0.0]);

        Assert.Throws<ArgumentOutOfRangeException>(() => SeriesPreprocessor.Preprocess(volume, InputContract.Default with { InputSize = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeriesPreprocessor.Preprocess(volume, InputContract.Default with { Windows = [] }));
    }

    [Fact]
    public void PositionsThatDoNotIncrease_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new HuVolume(2, 2, new float[8], 1, 1, [1.0, 1.0]));
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
