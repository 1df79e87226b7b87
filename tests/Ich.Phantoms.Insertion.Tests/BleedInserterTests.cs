using Ich.Phantoms.Insertion.Analysis;
using Ich.Phantoms.Insertion.Insertion;

namespace Ich.Phantoms.Insertion.Tests;

public sealed class BleedInserterTests
{
    private static InsertedStudy Positive(HemorrhageSubtype subtype, int index = 0, long seed = 5) =>
        new BleedInserter(Backgrounds.PhantomBackground, seed, new InsertionOptions { Hemorrhage = true, Subtypes = [subtype] }).Generate(index);

    public static TheoryData<HemorrhageSubtype> Subtypes => [.. HemorrhageSubtypes.All];

    [Fact]
    public void Generate_SameSeedAndIndex_GiveTheSameStudy()
    {
        var a = new BleedInserter(Backgrounds.PhantomBackground, 9).Generate(3);
        var b = new BleedInserter(Backgrounds.PhantomBackground, 9).Generate(3);

        Assert.Equal(a.Slices.Count, b.Slices.Count);
        for (var k = 0; k < a.Slices.Count; k++)
        {
            Assert.Equal(a.Slices[k], b.Slices[k]);
            Assert.Equal(a.TwinSlices[k], b.TwinSlices[k]);
        }
        Assert.Equal(a.Description, b.Description);
    }

    [Theory]
    [MemberData(nameof(Subtypes))]
    public void Generate_EachSubtype_IsLabelledAndDenserThanItsTwin(HemorrhageSubtype subtype)
    {
        var study = Positive(subtype);

        Assert.True(study.Labels.Subject(subtype), study.Description);
        double inside = 0, twin = 0;
        var n = 0;
        for (var k = 0; k < study.Slices.Count; k++)
        for (var p = 0; p < study.LesionMasks[k].Length; p++)
        {
            if ((study.LesionMasks[k][p] & subtype.Bit()) == 0) continue;
            inside += study.Slices[k][p];
            twin += study.TwinSlices[k][p];
            n++;
        }
        var lesion = study.Lesions.First(l => l.Subtype == subtype);
        var expected = lesion.Age == BleedAge.Chronic ? -3 : lesion.Age == BleedAge.Subacute ? 3 : 15;
        Assert.True(lesion.Age == BleedAge.Chronic ? (inside - twin) / n < 0 || (inside / n) < 30 : (inside - twin) / n > expected,
            $"{study.Description}: mean {inside / n:0.0} HU in the mask vs {twin / n:0.0} HU in the twin");
    }

    [Theory]
    [MemberData(nameof(Subtypes))]
    public void Generate_TwinDiffersOnlyWithinTheMassEffectMarginOfTheMasks(HemorrhageSubtype subtype)
    {
        var study = Positive(subtype, index: 1);
        var px = study.PixelSpacingMm;
        var reach = (int)MathF.Ceiling(study.MassEffectMarginMm / px);
        var reachZ = (int)MathF.Ceiling(study.MassEffectMarginMm / study.SliceThicknessMm);
        var masked = new List<(int X, int Y, int Z)>();
        for (var k = 0; k < study.Slices.Count; k++)
        for (var p = 0; p < study.LesionMasks[k].Length; p++)
            if (study.LesionMasks[k][p] != 0) masked.Add((p % study.Width, p / study.Width, k));

        var differing = 0;
        for (var k = 0; k < study.Slices.Count; k++)
        for (var p = 0; p < study.Slices[k].Length; p++)
        {
            if (study.Slices[k][p] == study.TwinSlices[k][p]) continue;
            differing++;
            int x = p % study.Width, y = p / study.Width;
            var near = masked.Any(m => Math.Abs(m.Z - k) <= reachZ && Math.Abs(m.X - x) <= reach && Math.Abs(m.Y - y) <= reach
                && MathF.Sqrt(MathF.Pow((m.X - x) * px, 2) + MathF.Pow((m.Y - y) * px, 2) + MathF.Pow((m.Z - k) * study.SliceThicknessMm, 2)) <= study.MassEffectMarginMm);
            Assert.True(near, $"slice {k} pixel ({x},{y}) differs from the twin {study.MassEffectMarginMm:0} mm or more away from every lesion mask");
        }
        Assert.True(differing > 0);
    }

    [Fact]
    public void Generate_SliceLabels_AreTheMasksCoveringTheLabelArea()
    {
        var options = new InsertionOptions { Hemorrhage = true };
        var inserter = new BleedInserter(Backgrounds.PhantomBackground, 21, options);
        for (var i = 0; i < 4; i++)
        {
            var study = inserter.Generate(i);
            var minimum = options.LabelAreaMm2 / (study.PixelSpacingMm * study.PixelSpacingMm);
            for (var k = 0; k < study.Slices.Count; k++)
            foreach (var s in HemorrhageSubtypes.All)
            {
                var area = study.LesionMasks[k].Count(m => (m & s.Bit()) != 0);
                Assert.Equal(area >= minimum, study.Labels[k, s]);
            }
        }
    }

    [Fact]
    public void Generate_Negative_IsItsOwnTwinWithoutLabels()
    {
        var study = new BleedInserter(Backgrounds.PhantomBackground, 4, new InsertionOptions { Hemorrhage = false }).Generate(0);

        Assert.False(study.HasHemorrhage);
        Assert.Empty(study.Lesions);
        for (var k = 0; k < study.Slices.Count; k++) Assert.Equal(study.TwinSlices[k], study.Slices[k]);
    }

    [Fact]
    public void Generate_Intraventricular_LayersInThePosteriorPartOfTheVentricles()
    {
        var b = Backgrounds.PhantomBackground;
        var study = new BleedInserter(b, 8, new InsertionOptions
        {
            Hemorrhage = true, Subtypes = [HemorrhageSubtype.Intraventricular], MaxRotationDegrees = 0, MaxShiftMm = 0,
        }).Generate(2);
        var v = b.Volume;
        var ventricleRows = Enumerable.Range(0, v.Hounsfield.Length).Where(i => b.Tissue[i] == BackgroundTissue.Ventricle).Select(i => i / v.Width % v.Height).ToList();
        var bloodRows = study.LesionMasks.SelectMany(m => m.Select((bits, p) => (bits, p))).Where(t => t.bits != 0).Select(t => t.p / study.Width).ToList();

        Assert.NotEmpty(bloodRows);
        // Rows grow towards posterior; supine patients layer blood there.
        Assert.True(bloodRows.Average() > ventricleRows.Average(), $"blood row {bloodRows.Average():0.0}, ventricle row {ventricleRows.Average():0.0}");
    }

    [Fact]
    public void Generate_ThickerSlices_AreMeansOfTheBackgroundsThinOnes()
    {
        var b = Backgrounds.PhantomBackground;
        var study = new BleedInserter(b, 2, new InsertionOptions
        {
            Hemorrhage = false, SliceThicknessMm = 2 * b.Volume.SliceSpacingMm, MaxRotationDegrees = 0, MaxShiftMm = 0, AddedNoiseProbability = 0,
        }).Generate(0);

        Assert.Equal(2 * b.Volume.SliceSpacingMm, study.SliceThicknessMm, 3);
        var k = study.Slices.Count / 2;
        var p = study.Width / 2 * study.Height + study.Width / 2;
        // The slab offset is 0 or 1 thin slice: the thick slice is the mean of one of the two pairs.
        var candidates = Enumerable.Range(0, 2).Select(o => (b.Volume.Hounsfield[(o + 2 * k) * b.Volume.SliceSize + p] + b.Volume.Hounsfield[(o + 2 * k + 1) * b.Volume.SliceSize + p]) / 2.0);
        Assert.Contains(candidates, c => Math.Abs(c - study.Slices[k][p]) <= 0.5);
    }
}
