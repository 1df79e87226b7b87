using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ich.InferenceService.Tests.Models;

public sealed class ModelHostTests
{
    [Fact]
    public async Task MissingModel_ReadyzAndInferAnswer503WithTheReason()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"ich-no-model-{Guid.NewGuid():N}");
        await using var service = await RunningService.StartAsync($"ModelFolder={missing}", "PreferGpu=false");
        await WaitUntilSettledAsync(service);
        var volume = SeriesRequests.Phantom();

        using var ready = await service.Client.GetAsync("/readyz");
        using var infer = await service.Client.SendAsync(SeriesRequests.Infer(volume));
        using var health = await service.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("failed", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        Assert.Contains(missing, (await infer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task CardWhoseHashDoesNotMatch_IsNotServed()
    {
        using var model = TestModel.Create();
        (model.Card with { Sha256 = new string('0', 64) }).Write(Path.Combine(model.Folder, Ich.Inference.Models.ModelCard.FileName));
        await using var service = await RunningService.StartAsync($"ModelFolder={model.Folder}", "PreferGpu=false");
        await WaitUntilSettledAsync(service);

        using var models = await service.Client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, models.StatusCode);
        Assert.Contains("SHA-256", (await models.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private static async Task WaitUntilSettledAsync(RunningService service)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await service.Client.GetAsync("/readyz");
            if ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() != "loading") return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The model host never settled.");
            await Task.Delay(20);
        }
    }
}
