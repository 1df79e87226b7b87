using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ich.Inference.Client.Contract;
using Ich.Inference.Engine;
using Ich.Inference.Models;
using Ich.Preprocessing;

namespace Ich.InferenceService.Tests.Hosting;

[Collection(ServiceCollection.Name)]
public sealed class InferEndpointTests(ServiceFixture fixture)
{
    [Fact]
    public async Task Infer_PhantomSeries_AnswersEverySourceSliceWithItsSlab()
    {
        var volume = SeriesRequests.Phantom();

        using var response = await fixture.Client.SendAsync(SeriesRequests.Infer(volume));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var slices = body.GetProperty("slices").EnumerateArray().ToList();
        Assert.Equal(volume.Depth, slices.Count);
        Assert.Equal(Enumerable.Range(0, volume.Depth), slices.Select(s => s.GetProperty("index").GetInt32()));
        Assert.All(slices, s => Assert.InRange(s.GetProperty("probabilities").GetProperty("any").GetDouble(), 0, 1));
        Assert.Equal(fixture.Model.Card.Sha256, body.GetProperty("model").GetProperty("sha256").GetString());
        Assert.Equal("cpu", body.GetProperty("model").GetProperty("device").GetString());
        Assert.True(body.GetProperty("timings").GetProperty("inferenceMs").GetDouble() > 0);
    }

    [Fact]
    public async Task Infer_GivesTheEnginesProbabilitiesForTheSameVolume()
    {
        var volume = SeriesRequests.Phantom(1);
        using var engine = OnnxIchModel.Load(fixture.Model.Folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1 });
        var (input, expected) = engine.Predict(volume);

        using var response = await fixture.Client.SendAsync(SeriesRequests.Infer(volume, "?allStages=true"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var subject = body.GetProperty("subject");
        foreach (var label in fixture.Model.Card.Labels)
            Assert.Equal(expected.Subject(label), subject.GetProperty(label).GetDouble(), 1e-5);
        var slices = body.GetProperty("slices").EnumerateArray().ToList();
        for (var i = 0; i < volume.Depth; i++)
        {
            Assert.Equal(input.SlabOfSlice[i], slices[i].GetProperty("slab").GetInt32());
            Assert.Equal(expected.Slab(input.SlabOfSlice[i], ModelLabels.Any), slices[i].GetProperty("probabilities").GetProperty(ModelLabels.Any).GetDouble(), 1e-5);
        }
    }

    [Fact]
    public async Task Infer_ByDefault_ReportsSubtypesOnlyWhenAnyReachesTheThreshold()
    {
        var volume = SeriesRequests.Phantom(2);

        using var response = await fixture.Client.SendAsync(SeriesRequests.Infer(volume));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var subject = body.GetProperty("subject");
        var fiveType = subject.GetProperty(ModelLabels.Any).GetDouble() >= 0.5;
        Assert.Equal(fiveType, body.GetProperty("stages").GetProperty("fiveType").GetBoolean());
        foreach (var label in ModelLabels.Subtypes)
        {
            Assert.Equal(fiveType ? JsonValueKind.Number : JsonValueKind.Null, subject.GetProperty(label).ValueKind);
            Assert.All(body.GetProperty("slices").EnumerateArray(), s => Assert.Equal(fiveType ? JsonValueKind.Number : JsonValueKind.Null, s.GetProperty("probabilities").GetProperty(label).ValueKind));
        }
    }

    [Fact]
    public async Task Infer_WithAllStages_ReportsEverySubtype()
    {
        var volume = SeriesRequests.Phantom(2);

        using var response = await fixture.Client.SendAsync(SeriesRequests.Infer(volume, "?allStages=true"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(body.GetProperty("stages").GetProperty("fiveType").GetBoolean());
        foreach (var label in ModelLabels.Subtypes) Assert.InRange(body.GetProperty("subject").GetProperty(label).GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Infer_WithGradCam_GivesTheEnginesMapsOfThePositiveSlabsAndTheFrame()
    {
        var volume = SeriesRequests.Phantom(3, hemorrhage: true);
        using var engine = OnnxIchModel.Load(fixture.Model.Folder, new EngineOptions { PreferGpu = false, IntraOpThreads = 1 });
        var input = SeriesPreprocessor.Preprocess(volume, engine.Card.Input);
        var expected = engine.Predict(input, includeGradCam: true);
        int labels = expected.GradCamShape![1], height = expected.GradCamShape[2], width = expected.GradCamShape[3];

        using var response = await fixture.Client.SendAsync(SeriesRequests.Infer(volume, "?allStages=true&gradcam=true"));
        var body = await response.Content.ReadFromJsonAsync<InferenceResponse>(new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var cams = body!.GradCam!;
        Assert.True(cams.Available);
        Assert.Equal(input.Frame, cams.Frame);
        Assert.Equal(Enumerable.Range(0, expected.SlabCount).Where(s => expected.Slab(s, ModelLabels.Any) >= 0.5), cams.Slabs.Select(s => s.Slab));
        foreach (var slab in cams.Slabs)
        {
            Assert.Equal(expected.Labels.Where(l => expected.Slab(slab.Slab, l) >= 0.5).Order(), slab.Maps.Keys.Order());
            foreach (var (label, text) in slab.Maps)
            {
                var offset = (slab.Slab * labels + expected.IndexOf(label)) * height * width;
                Assert.Equal(expected.GradCam!.AsSpan(offset, height * width).ToArray(), CamEncoding.Decode(text, height * width), (a, b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1f, Math.Abs(a)));
            }
        }
    }
}
