using System.Net.Http.Json;
using System.Text.Json;
using Ich.Inference.Client.Contract;
using Ich.Inference.Models;

namespace Ich.Inference.Client.Tests;

[Collection(ShippedServiceCollection.Name)]
public sealed class InferAsyncTests(ShippedService fixture)
{
    [Fact]
    public async Task GivenABleed_WhenInferred_ThenTheProbabilitiesAreTheInProcessModels()
    {
        var volume = ShippedService.Bleed();
        var (input, expected) = fixture.Model.Predict(volume);

        var response = await fixture.Client.InferAsync(volume, new InferRequestOptions { AllStages = true });

        Assert.True(expected.Subject(ModelLabels.Any) >= 0.5, "the shipped model should find this bleed");
        foreach (var label in fixture.Model.Card.Labels)
            Assert.Equal(expected.Subject(label), response.Subject[label]!.Value, 1e-5);
        Assert.Equal(volume.Depth, response.Slices.Count);
        for (var z = 0; z < volume.Depth; z++)
        {
            Assert.Equal(input.SlabOfSlice[z], response.Slices[z].Slab);
            foreach (var label in fixture.Model.Card.Labels)
                Assert.Equal(expected.Slab(input.SlabOfSlice[z], label), response.Slices[z].Probabilities[label]!.Value, 1e-5);
        }

        Assert.Equal(fixture.Model.Card.Sha256, response.Model.Sha256);
        Assert.Equal("cpu", response.Model.Device);
        Assert.Null(response.GradCam);
    }

    [Fact]
    public async Task GivenGradCam_WhenInferred_ThenEveryPositiveSlabCarriesTheModelsMapPerPredictedLabel()
    {
        var volume = ShippedService.Bleed();
        var input = Preprocessing.SeriesPreprocessor.Preprocess(volume, fixture.Model.Card.Input, maxDegreeOfParallelism: 2);
        var expected = fixture.Model.Predict(input, includeGradCam: true);
        var (slabs, labels, height, width) = (expected.GradCamShape![0], expected.GradCamShape[1], expected.GradCamShape[2], expected.GradCamShape[3]);

        var response = await fixture.Client.InferAsync(volume, new InferRequestOptions { GradCam = true });

        var cams = response.GradCam!;
        Assert.True(cams.Available);
        Assert.Equal((width, height), (cams.Width, cams.Height));
        Assert.Equal(input.Frame, cams.Frame);
        var positive = Enumerable.Range(0, slabs).Where(s => expected.Slab(s, ModelLabels.Any) >= 0.5).ToArray();
        Assert.NotEmpty(positive);
        Assert.Equal(positive, cams.Slabs.Select(s => s.Slab));
        foreach (var slab in cams.Slabs)
        {
            var predicted = expected.Labels.Where(l => response.Slices.First(x => x.Slab == slab.Slab).Probabilities[l] >= 0.5).ToArray();
            Assert.Equal(predicted.Order(), slab.Maps.Keys.Order());
            foreach (var (label, text) in slab.Maps)
            {
                var map = CamEncoding.Decode(text, width * height);
                var offset = (slab.Slab * labels + expected.IndexOf(label)) * height * width;
                Assert.Equal(expected.GradCam!.AsSpan(offset, height * width).ToArray(), map, (a, b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1f, Math.Abs(a)));
            }
        }

        Assert.Contains(cams.Slabs, s => s.Maps.Count > 1); // a subtype map too, not only "any"
    }

    [Fact]
    public async Task GivenNoGradCamFlag_WhenInferred_ThenTheJsonHasNoGradCamMember()
    {
        var volume = ShippedService.Normal();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/infer") { Content = new VolumeContent(volume.Voxels) };
        foreach (var (name, value) in InferenceServiceClient.ShapeHeaders(volume, InferRequestOptions.Default)) request.Headers.Add(name, value);

        using var response = await fixture.Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.False(body.TryGetProperty("gradCam", out _));
        Assert.Equal(["model", "notice", "threshold", "stages", "subject", "slices", "timings"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task GivenAFrame_WhenItTravels_ThenItMapsPixelsExactlyAsTheOriginal()
    {
        var volume = ShippedService.Normal();
        var expected = Preprocessing.SeriesPreprocessor.Preprocess(volume, fixture.Model.Card.Input).Frame;

        var frame = (await fixture.Client.InferAsync(volume, new InferRequestOptions { GradCam = true })).GradCam!.Frame;

        Assert.Equal(expected, frame);
        Assert.Equal(expected.ToModel(17.25, 90.5), frame.ToModel(17.25, 90.5));
    }
}
