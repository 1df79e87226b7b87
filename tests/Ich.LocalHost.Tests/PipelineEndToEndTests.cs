using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ich.LocalHost.Receiving;
using Ich.Notify.Events;
using Ich.Notify.Signing;
using Ich.Workflow.Storage;

namespace Ich.LocalHost.Tests;

/// <summary>
/// Upload → intake → durable orchestration → inference service → publish → signed webhook, on Azurite, the real
/// service and a loopback receiver; and the failure paths the issue names.
/// </summary>
[Collection(nameof(PipelineCollection))]
public sealed class PipelineEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task An_uploaded_study_is_analysed_published_and_announced_by_one_signed_webhook()
    {
        await using var rig = await PipelineRig.StartAsync();
        var (zip, _) = PipelineRig.PhantomStudy(seed: 41);
        await rig.UploadAsync("ward-3/study-41.zip", zip);

        var delivered = await rig.Receiver.WaitForDeliveredAsync(1, Patience);
        var hook = Assert.Single(delivered);
        Assert.True(new WebhookVerifier(rig.Secret).Verify(hook.Id, hook.Timestamp, hook.Signature, hook.Body).IsValid);
        var cloudEvent = StudyEvents.Deserialize(hook.Body);
        Assert.Equal(StudyEventTypes.Completed, cloudEvent.Type);
        Assert.Equal(cloudEvent.Id, hook.Id);
        var uid = cloudEvent.Data.StudyInstanceUid;

        // The study API answers with the findings and links that open.
        using var response = await rig.Api.GetAsync($"/api/studies/{uid}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var study = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", study.GetProperty("status").GetString());
        Assert.Equal(cloudEvent.Data.Positive, study.GetProperty("positive").GetBoolean());
        var series = Assert.Single(study.GetProperty("series").EnumerateArray().ToArray());
        Assert.Equal("ok", series.GetProperty("status").GetString());
        var any = series.GetProperty("labels").GetProperty("any").GetProperty("probability").GetDouble();
        Assert.InRange(any, 0, 1);
        Assert.Equal(any >= 0.5, cloudEvent.Data.Positive);
        var outputs = series.GetProperty("outputs");
        foreach (var kind in new[] { "results", "html", "fhir" })
        {
            using var download = new HttpClient();
            var link = new Uri(outputs.GetProperty(kind).GetString()!);
            using var blob = await download.GetAsync(link);
            Assert.True(blob.IsSuccessStatusCode, $"{kind}: {blob.StatusCode}");
            Assert.True((await blob.Content.ReadAsByteArrayAsync()).Length > 100, kind);
        }

        // results.json in Blob storage holds per-slice probabilities for every slice, naming outputs by blob name.
        var storage = rig.Host!.Storage;
        var resultsBlob = storage.Results.GetBlobClient($"{StorageLayout.SeriesFolder(StorageLayout.SafeSegment(uid), series.GetProperty("seriesInstanceUid").GetString()!)}/results.json");
        var results = JsonDocument.Parse((await resultsBlob.DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.True(results.GetProperty("slices").GetArrayLength() >= 10);
        Assert.DoesNotContain("/tmp/", results.GetRawText(), StringComparison.Ordinal);

        // The upload stays where it was: analysed studies are never moved or deleted.
        Assert.True(await storage.Uploads.GetBlobClient("ward-3/study-41.zip").ExistsAsync());
    }

    [Fact]
    public async Task A_corrupt_upload_is_a_failed_study_with_its_reason_a_failed_event_and_a_quarantined_blob()
    {
        await using var rig = await PipelineRig.StartAsync();
        var (zip, _) = PipelineRig.PhantomStudy(seed: 42);
        var broken = zip[..(zip.Length / 2)];
        await rig.UploadAsync("broken.zip", broken);

        var hook = Assert.Single(await rig.Receiver.WaitForDeliveredAsync(1, Patience));
        var cloudEvent = StudyEvents.Deserialize(hook.Body);
        Assert.Equal(StudyEventTypes.Failed, cloudEvent.Type);
        Assert.False(cloudEvent.Data.Positive);
        Assert.False(string.IsNullOrWhiteSpace(cloudEvent.Data.FailureReason));

        var storage = rig.Host!.Storage;
        Assert.False(await storage.Uploads.GetBlobClient("broken.zip").ExistsAsync());
        var quarantined = await storage.Quarantine.GetBlobClient("broken.zip").DownloadContentAsync();
        Assert.Equal(broken, quarantined.Value.Content.ToArray());

        using var response = await rig.Api.GetAsync($"/api/studies/{cloudEvent.Data.StudyInstanceUid}");
        var study = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("failed", study.GetProperty("status").GetString());
        Assert.Equal(cloudEvent.Data.FailureReason, study.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_study_uploaded_twice_is_analysed_and_notified_once()
    {
        await using var rig = await PipelineRig.StartAsync();
        var (zip, folder) = PipelineRig.PhantomStudy(seed: 43);
        await rig.UploadAsync("first.zip", zip);
        await rig.Receiver.WaitForDeliveredAsync(1, Patience);

        // The same study again, once as another zip and once as a folder completed by its manifest.
        await rig.UploadAsync("again.zip", zip);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToArray();
        Assert.NotEmpty(files);
        foreach (var file in files)
            await rig.UploadAsync($"again-folder/{Path.GetRelativePath(folder, file).Replace('\\', '/')}", File.ReadAllBytes(file));
        await rig.UploadAsync("again-folder/manifest.json", "{}"u8.ToArray());
        await WaitForReceiptsAsync(rig, 2);
        await Task.Delay(1500);
        Assert.True(rig.Receiver.Requests.Count == 1, string.Join("\n", rig.Receiver.Requests.Select(r => r.Body)));
    }

    [Fact]
    public async Task A_receiver_that_fails_three_times_gets_the_event_once_with_one_webhook_id()
    {
        await using var rig = await PipelineRig.StartAsync();
        rig.Receiver.AnswerNext(500, 500, 500);
        var (zip, _) = PipelineRig.PhantomStudy(seed: 44);
        await rig.UploadAsync("retry.zip", zip);

        var delivered = Assert.Single(await rig.Receiver.WaitForDeliveredAsync(1, Patience));
        var all = rig.Receiver.Requests.ToArray();
        Assert.Equal([500, 500, 500, 200], all.Select(r => r.AnsweredWith));
        Assert.All(all, r => Assert.Equal(delivered.Id, r.Id));
        Assert.All(all, r => Assert.True(new WebhookVerifier(rig.Secret).Verify(r.Id, r.Timestamp, r.Signature, r.Body).IsValid));
    }

    [Fact]
    public async Task With_the_inference_service_down_the_series_is_retried_and_then_the_study_fails_with_an_event()
    {
        // A port nothing listens on: every attempt is refused, as when the container app is down.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var rig = await PipelineRig.StartAsync(new Uri($"http://127.0.0.1:{port}/"));
        var (zip, _) = PipelineRig.PhantomStudy(seed: 45);
        await rig.UploadAsync("down.zip", zip);

        var hook = Assert.Single(await rig.Receiver.WaitForDeliveredAsync(1, Patience));
        var cloudEvent = StudyEvents.Deserialize(hook.Body);
        Assert.Equal(StudyEventTypes.Failed, cloudEvent.Type);
        Assert.Contains($"after {PipelineRig.TestSettings.InferenceAttempts} attempts", cloudEvent.Data.FailureReason);
        Assert.False(cloudEvent.Data.Positive);
        // Not quarantined: the upload was fine, the service was not.
        Assert.True(await rig.Host!.Storage.Uploads.GetBlobClient("down.zip").ExistsAsync());
    }

    [Fact]
    public async Task A_host_stopped_mid_orchestration_finishes_the_study_after_a_restart()
    {
        await using var rig = await PipelineRig.StartAsync();
        // Hold the receiver: the orchestration is in its webhook backoff when the host goes down.
        rig.Receiver.AnswerNext(503, 503);
        var (zip, _) = PipelineRig.PhantomStudy(seed: 46);
        await rig.UploadAsync("restart.zip", zip);
        var deadline = DateTime.UtcNow + Patience;
        while (rig.Receiver.Requests.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.False(rig.Receiver.Requests.IsEmpty);

        await rig.StopHostAsync();
        await rig.StartHostAsync();

        // Activities are at-least-once: one in flight when the host went down may run again after the restart, so a
        // receiver can see the event twice — always with the one webhook-id it de-duplicates on.
        var delivered = await rig.Receiver.WaitForDeliveredAsync(1, Patience);
        var requests = rig.Receiver.Requests.ToArray();
        var trace = string.Join("; ", requests.Select(r => $"{r.AnsweredWith} {r.Id} {r.At:HH:mm:ss.fff}"));
        Assert.True(delivered.Count <= 2, trace);
        Assert.Equal(StudyEventTypes.Completed, StudyEvents.Deserialize(delivered[0].Body).Type);
        Assert.True(requests.Select(r => r.Id).Distinct().Count() == 1, trace);
    }

    private static async Task WaitForReceiptsAsync(PipelineRig rig, int beyondFirst)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var done = 0;
            await foreach (var row in rig.Host!.Storage.Receipts.QueryAsync<Azure.Data.Tables.TableEntity>())
                if (row.GetString("Status") == "done") done++;
            if (done >= beyondFirst + 1) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The duplicate uploads were not taken in.");
    }
}

/// <summary>The end-to-end tests run one at a time: each starts a model service and a host on 2 cores.</summary>
[CollectionDefinition(nameof(PipelineCollection), DisableParallelization = true)]
public sealed class PipelineCollection;
