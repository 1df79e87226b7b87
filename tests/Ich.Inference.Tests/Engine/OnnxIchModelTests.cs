using Ich.Inference.Engine;
using Ich.Inference.Models;
using Ich.Phantoms;
using Ich.Preprocessing;
using static TorchSharp.torch;

namespace Ich.Inference.Tests.Engine;

public sealed class OnnxIchModelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ich-inference-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void ModelOfAnotherShape_IsServedFromItsCard_AndMatchesTorchSharp()
    {
        var (folder, net, card) = TestModels.OtherShape(_folder);
        var study = new PhantomGenerator(11, new PhantomOptions { Matrix = 128, SliceThicknessMm = 2f, Hemorrhage = true }).Generate(0);

        using var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1 });
        var (input, prediction) = model.Predict(study.ToHuVolume());

        // The card's contract, not the defaults: 2 channels at 48², 2 mm slices grouped two to a 4 mm slab.
        Assert.Equal([(study.Slices.Count + 1) / 2, 2, 48, 48], input.Shape);
        Assert.Equal(input.SlabCount * 6, prediction.SlabProbabilities.Length);
        using var x = tensor(input.Tensor, [1, input.SlabCount, 2, 48, 48]);
        using var _ = no_grad();
        var (slab, subject) = net.call(x);
        var expectedSlab = sigmoid(slab[0]).data<float>().ToArray();
        var expectedSubject = sigmoid(subject[0]).data<float>().ToArray();
        for (var i = 0; i < expectedSlab.Length; i++) Assert.Equal(expectedSlab[i], prediction.SlabProbabilities[i], 4);
        for (var i = 0; i < expectedSubject.Length; i++) Assert.Equal(expectedSubject[i], prediction.SubjectProbabilities[i], 4);
        Assert.True(model.HasGradCam);
    }

    [Fact]
    public void SeveralSeries_RunAsOneFusedBatch_GiveWhatEachGivesAlone()
    {
        var (folder, _, _) = TestModels.OtherShape(_folder);
        using var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1 });
        var inputs = Enumerable.Range(0, 3).Select(i => SeriesPreprocessor.Preprocess(
            new PhantomGenerator(20 + i, new PhantomOptions { Matrix = 96, SliceThicknessMm = 2f + i }).Generate(0).ToHuVolume(), model.Card.Input)).ToArray();

        var fused = model.PredictBatch(inputs, includeFeatureMaps: true, includeGradCam: true);

        Assert.True(model.CanFuseSeries);
        Assert.Equal(3, fused.Count);
        for (var i = 0; i < inputs.Length; i++)
        {
            var alone = model.Predict(inputs[i], includeFeatureMaps: true, includeGradCam: true);
            Assert.Equal(inputs[i].SlabCount, fused[i].SlabCount);
            AssertClose(alone.SlabProbabilities, fused[i].SlabProbabilities);
            AssertClose(alone.SubjectProbabilities, fused[i].SubjectProbabilities);
            AssertClose(alone.GradCam!, fused[i].GradCam!);
            AssertClose(alone.FeatureMaps!, fused[i].FeatureMaps!);
            Assert.Equal(alone.GradCamShape, fused[i].GradCamShape);
        }
    }

    [Fact]
    public void AModelWithoutASeriesLengthsInput_RunsABatchOneSeriesAtATime()
    {
        // A model trained elsewhere with a one-series graph: its card names no series-lengths input.
        using var model = OnnxIchModel.Load(TestModels.OneSeriesGraph(Path.Combine(_folder, "one-series")), new EngineOptions { PreferGpu = false, IntraOpThreads = 1 });
        var inputs = Enumerable.Range(0, 3).Select(i => SeriesPreprocessor.Preprocess(
            new PhantomGenerator(30 + i, new PhantomOptions { Matrix = 128, SliceThicknessMm = 2.5f + i }).Generate(0).ToHuVolume(), model.Card.Input)).ToArray();

        var batch = model.PredictBatch(inputs);

        Assert.False(model.CanFuseSeries);
        for (var i = 0; i < inputs.Length; i++)
        {
            var alone = model.Predict(inputs[i]);
            AssertClose(alone.SubjectProbabilities, batch[i].SubjectProbabilities);
            AssertClose(alone.SlabProbabilities, batch[i].SlabProbabilities);
        }

        Assert.Equal(inputs.Select(i => i.SlabCount), batch.Select(b => b.SlabCount));
    }

    [Fact]
    public void ACardThatAveragesWithTheMirror_ServesTheMeanOfBothReads_AndExplainsTheUnmirroredOne()
    {
        var (folder, _, card) = TestModels.OtherShape(_folder);
        var study = new PhantomGenerator(12, new PhantomOptions { Matrix = 96, SliceThicknessMm = 2f, Hemorrhage = true }).Generate(0);
        ModelInput input, mirror;
        SeriesPrediction plain, mirrored;
        using (var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1 }))
        {
            input = SeriesPreprocessor.Preprocess(study.ToHuVolume(), model.Card.Input);
            mirror = SeriesPreprocessor.Preprocess(study.ToHuVolume(), model.Card.Input);
            OnnxIchModel.MirrorColumns(input.Tensor, input.Size).CopyTo(mirror.Tensor, 0);
            plain = model.Predict(input, includeFeatureMaps: true, includeGradCam: true);
            mirrored = model.Predict(mirror);
        }

        (card with { AverageWithMirror = true }).Write(Path.Combine(folder, ModelCard.FileName));
        using var averaging = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1 });
        var averaged = averaging.Predict(input, includeFeatureMaps: true, includeGradCam: true);
        var fused = averaging.PredictBatch([input, mirror]);

        Assert.True(averaging.Card.AverageWithMirror);
        AssertClose([.. plain.SlabProbabilities.Zip(mirrored.SlabProbabilities, (a, b) => (a + b) / 2)], averaged.SlabProbabilities);
        AssertClose([.. plain.SubjectProbabilities.Zip(mirrored.SubjectProbabilities, (a, b) => (a + b) / 2)], averaged.SubjectProbabilities);
        // The two reads differ (else the test proves nothing), and the mean does not depend on which one came in.
        Assert.NotEqual(plain.SubjectProbabilities, mirrored.SubjectProbabilities);
        AssertClose(fused[0].SubjectProbabilities, fused[1].SubjectProbabilities);
        AssertClose(fused[0].SlabProbabilities, fused[1].SlabProbabilities);
        // Evidence stays that of the image as acquired.
        AssertClose(plain.GradCam!, averaged.GradCam!);
        AssertClose(plain.FeatureMaps!, averaged.FeatureMaps!);
    }

    [Fact]
    public void ACardWithOperatingPoints_ServesProbabilitiesRescaledSoThatOneHalfFallsOnThem()
    {
        var (folder, _, card) = TestModels.OtherShape(_folder);
        var study = new PhantomGenerator(13, new PhantomOptions { Matrix = 96, SliceThicknessMm = 2f, Hemorrhage = true }).Generate(0);
        SeriesPrediction own;
        ModelInput input;
        using (var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1 }))
        {
            input = SeriesPreprocessor.Preprocess(study.ToHuVolume(), model.Card.Input);
            own = model.Predict(input);
        }

        // Thresholds at the network's own outputs: each rescaled value must then be exactly 0.5.
        var any = own.IndexOf(ModelLabels.Any);
        var subdural = own.IndexOf("subdural");
        var points = new OperatingPoints
        {
            Source = "test",
            Subject = new Dictionary<string, double> { [ModelLabels.Any] = own.SubjectProbabilities[any], ["subdural"] = 0.2 },
            Slice = new Dictionary<string, double> { [ModelLabels.Any] = own.SlabProbabilities[any] },
        };
        (card with { OperatingPoints = points }).Write(Path.Combine(folder, ModelCard.FileName));
        using var served = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1 });
        using var raw = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1, IgnoreOperatingPoints = true });
        var rescaled = served.Predict(input);

        Assert.Equal(0.5f, rescaled.SubjectProbabilities[any], 5);
        Assert.Equal(0.5f, rescaled.SlabProbabilities[any], 5);
        Assert.Equal(OperatingPoints.Rescale(own.SubjectProbabilities[subdural], 0.2), rescaled.SubjectProbabilities[subdural], 6);
        // Unlisted labels and levels are served as the network gives them; the order of slabs within a label is kept.
        var epidural = own.IndexOf("epidural");
        Assert.Equal(own.SubjectProbabilities[epidural], rescaled.SubjectProbabilities[epidural]);
        Assert.Equal(own.Slab(1, "subdural"), rescaled.Slab(1, "subdural"));
        var slabsAny = Enumerable.Range(0, own.SlabCount).ToArray();
        Assert.Equal(slabsAny.OrderBy(t => own.Slab(t, ModelLabels.Any)), slabsAny.OrderBy(t => rescaled.Slab(t, ModelLabels.Any)));
        AssertClose(own.SubjectProbabilities, raw.Predict(input).SubjectProbabilities);
    }

    [Theory]
    [InlineData("any", 1.0)]
    [InlineData("any", 0.0)]
    [InlineData("any", double.NaN)]
    [InlineData("haemorrhage", 0.3)]
    public void ACardWithAnUnusableOperatingPoint_IsRejected(string label, double threshold)
    {
        var (folder, _, card) = TestModels.OtherShape(_folder);
        var path = Path.Combine(folder, ModelCard.FileName);
        (card with { OperatingPoints = new OperatingPoints { Subject = new Dictionary<string, double> { [label] = threshold } } }).Write(path);

        var error = Assert.Throws<InvalidDataException>(() => ModelCard.Read(path));

        Assert.Contains("operating", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5f, 0.5, 0.5f)]
    [InlineData(0.2f, 0.2, 0.5f)]
    [InlineData(0.5f, 0.2, 0.8f)]
    [InlineData(0.9f, 0.9, 0.5f)]
    [InlineData(1f, 0.1, 1f)]
    [InlineData(0f, 0.9, 0f)]
    public void Rescale_PutsOneHalfOnTheThreshold(float p, double threshold, float expected)
    {
        Assert.Equal(expected, OperatingPoints.Rescale(p, threshold), 5);
    }

    [Fact]
    public void MirrorColumns_ReversesEveryImageRow()
    {
        float[] tensor = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];

        Assert.Equal([3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10, 15, 14, 13, 18, 17, 16], OnnxIchModel.MirrorColumns(tensor, 3));
        Assert.Equal(tensor, OnnxIchModel.MirrorColumns(OnnxIchModel.MirrorColumns(tensor, 3), 3));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var diff = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(diff <= 1e-5, $"max |diff| {diff:E2}");
    }

    [Fact]
    public void PreferGpuWithoutGpu_FallsBackToCpu_AndSaysSo()
    {
        var (folder, _, _) = TestModels.OtherShape(_folder);
        var lines = new List<string>();

        using var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = true, IntraOpThreads = 1 }, lines.Add);

        if (model.Device == ExecutionDevice.Cuda) return; // a machine with a GPU: nothing to fall back from
        Assert.Equal(ExecutionDevice.Cpu, model.Device);
        Assert.Contains(lines, l => l.Contains("no usable GPU", StringComparison.Ordinal) && l.Contains("CPU", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelFileThatDoesNotMatchItsCard_IsRefused()
    {
        var (folder, _, card) = TestModels.OtherShape(_folder);
        File.AppendAllText(Path.Combine(folder, card.File), "tampered");

        var e = Assert.Throws<InvalidDataException>(() => OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false }));
        Assert.Contains("SHA-256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CardWithoutAny_IsRefused()
    {
        var (folder, _, card) = TestModels.OtherShape(_folder);
        (card with { Labels = ["epidural", "subdural"] }).Write(Path.Combine(folder, ModelCard.FileName));

        var e = Assert.Throws<InvalidDataException>(() => OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false }));
        Assert.Contains("'any'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputOfAnotherContract_IsRefused()
    {
        var (folder, _, _) = TestModels.OtherShape(_folder);
        using var model = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1 });
        var study = new PhantomGenerator(2, new PhantomOptions { Matrix = 64 }).Generate(0);
        var wrong = SeriesPreprocessor.Preprocess(study.ToHuVolume(), InputContract.Default with { InputSize = 32 });

        Assert.Throws<ArgumentException>(() => model.Predict(wrong));
    }
}
