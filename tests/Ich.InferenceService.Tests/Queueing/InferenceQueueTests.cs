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
    public async Task ConcurrentRequests_AreFusedIntoOneRun_AndEachGetsWhatItGetsAlone()
    {
        using var model = TestModel.Create();
        // A generous window makes the fusing certain on a loaded machine; the default (0) fuses only what waits.
        await using var service = await RunningService.StartAsync($"ModelFolder={model.Folder}", "PreferGpu=false", "IntraOpThreads=1", "Concurrency=1",
            "QueueCapacity=8", "MaxBatchSeries=8", "BatchWindowMs=400");
        await service.WaitUntilReadyAsync();
        var volumes = Enumerable.Range(0, 4).Select(i => SeriesRequests.Phantom(i)).ToArray();
        var alone = new List<JsonElement>();
        foreach (var volume in volumes) alone.Add(await InferAsync(service, volume, "?allStages=true&gradcam=true"));

        var together = await Task.WhenAll(volumes.Select(v => InferAsync(service, v, "?allStages=true&gradcam=true")));

        Assert.All(alone, r => Assert.Equal(1, r.GetProperty("timings").GetProperty("batchSeries").GetInt32()));
        Assert.True(together.Max(r => r.GetProperty("timings").GetProperty("batchSeries").GetInt32()) >= 2,
            string.Join(", ", together.Select(r => r.GetProperty("timings").GetProperty("batchSeries").GetInt32())));
        for (var i = 0; i < volumes.Length; i++)
        {
            foreach (var label in alone[i].GetProperty("subject").EnumerateObject())
                Assert.Equal(label.Value.GetDouble(), together[i].GetProperty("subject").GetProperty(label.Name).GetDouble(), 5);
            var slicesAlone = alone[i].GetProperty("slices").EnumerateArray().ToArray();
            var slicesTogether = together[i].GetProperty("slices").EnumerateArray().ToArray();
            Assert.Equal(slicesAlone.Length, slicesTogether.Length);
            for (var k = 0; k < slicesAlone.Length; k++)
                Assert.Equal(slicesAlone[k].GetProperty("probabilities").GetProperty("any").GetDouble(), slicesTogether[k].GetProperty("probabilities").GetProperty("any").GetDouble(), 5);
            Assert.Equal(alone[i].TryGetProperty("gradCam", out var camAlone), together[i].TryGetProperty("gradCam", out var camTogether));
            if (camAlone.ValueKind == JsonValueKind.Object) Assert.Equal(camAlone.GetRawText().Length, camTogether.GetRawText().Length);
        }
    }

    [Fact]
    public async Task OnTheCpu_TheDefaultRunsOneSeriesPerRun()
    {
        // Measured: fused runs are slower per series on the CPU, so by default only CUDA fuses.
        using var model = TestModel.Create();
        await using var service = await RunningService.StartAsync($"ModelFolder={model.Folder}", "PreferGpu=false", "IntraOpThreads=1", "Concurrency=1",
            "QueueCapacity=8", "BatchWindowMs=400");
        await service.WaitUntilReadyAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => InferAsync(service, SeriesRequests.Phantom(i), "")));

        Assert.All(responses, r => Assert.Equal(1, r.GetProperty("timings").GetProperty("batchSeries").GetInt32()));
    }

    private static async Task<JsonElement> InferAsync(RunningService service, HuVolume volume, string query)
    {
        using var response = await service.Client.SendAsync(SeriesRequests.Infer(volume, query));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
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
