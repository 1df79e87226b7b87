using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ich.Inference.Models;

namespace Ich.InferenceService.Tests.Responses;

public sealed class TwoStageReportTests
{
    [Fact]
    public async Task TwoTypeModel_EvenWithAllStages_ReportsNoSubtypeProbability()
    {
        using var model = TestModel.Create();
        (model.Card with { TrainedLabels = [ModelLabels.Any] }).Write(Path.Combine(model.Folder, ModelCard.FileName));
        await using var service = await RunningService.StartAsync($"ModelFolder={model.Folder}", "PreferGpu=false", "IntraOpThreads=1");
        await service.WaitUntilReadyAsync();

        using var response = await service.Client.SendAsync(SeriesRequests.Infer(SeriesRequests.Phantom(), "?allStages=true"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("subject").GetProperty(ModelLabels.Any).ValueKind);
        foreach (var label in ModelLabels.Subtypes)
        {
            Assert.Equal(JsonValueKind.Null, body.GetProperty("subject").GetProperty(label).ValueKind);
            Assert.All(body.GetProperty("slices").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("probabilities").GetProperty(label).ValueKind));
        }
    }
}
