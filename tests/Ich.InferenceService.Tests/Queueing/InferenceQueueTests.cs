using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ich.Preprocessing;

namespace Ich.InferenceService.Tests.Queueing;

public sealed class InferenceQueueTests
{
    [Fact]
    public async Task EightConcurrentClients_AllSucceed()
    {
        using var model = TestModel.Create();
        await using var service = await RunningService.StartAsync($"ModelFolder={model.Folder}", "PreferGpu=false", "IntraOpThreads=1", "Concurrency=1", "QueueCapacity=8");
        await service.WaitUntilReadyAsync();
        var volumes = Enumerable.Range(0, 8).Select(i => SeriesRequests.Phantom(i)).ToArray();

        var statuses = await Task.WhenAll(volumes.Select(async volume =>
        {
            var codes = new List<HttpStatusCode>();
            for (var round = 0; round < 2; round++)
            {
                using var response = await service.Client.SendAsync(SeriesRequests.Infer(volume));
                codes.Add(response.StatusCode);
            }

            return codes;
        }));

        Assert.All(statuses.SelectMany(s => s), status => Assert.Equal(HttpStatusCode.OK, status));
        var ready = await service.Client.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal(16, ready.GetProperty("completed").GetInt64());
        Assert.Equal(0, ready.GetProperty("admitted").GetInt32());
    }

    [Fact]
    public async Task FullQueue_RefusesWith429AndRetryAfter_ThenTheAdmittedRequestSucceeds()
    {
        using var model = TestModel.Create();
        await using var service = await RunningService.StartAsync($"ModelFolder={model.Folder}", "PreferGpu=false", "IntraOpThreads=1", "Concurrency=1", "QueueCapacity=0");
        await service.WaitUntilReadyAsync();
        var volume = SeriesRequests.Phantom();
        var held = new HeldContent(SeriesRequests.Body(volume));
        var first = service.Client.SendAsync(SeriesRequests.Infer(held, volume.Width, volume.Height, volume.Depth, volume.RowSpacingMm, volume.ColumnSpacingMm, SeriesRequests.SliceSpacing(volume)));
        await WaitForAdmittedAsync(service, 1);

        using var refused = await service.Client.SendAsync(SeriesRequests.Infer(volume));
        held.Release();
        using var admitted = await first;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    private static async Task WaitForAdmittedAsync(RunningService service, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await service.Client.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("admitted").GetInt32() != count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{count} request(s) were never admitted.");
            await Task.Delay(20);
        }
    }
}
