// The local pipeline end to end, in one process, on Azurite: the inference service with the shipped model, the local
// host (upload watcher → intake → durable orchestration → inference over HTTP → publish → signed webhook) and a
// loopback webhook receiver. Phantom studies (40 slices of 512², zipped) are uploaded as a client would upload them:
//   1. one at a time after a warm-up study: upload-to-webhook latency (target: median <= 5 s on the 2-core machine);
//   2. a burst of N at once: every study completed with exactly one signed webhook, throughput and p50/p95 latency.
// Latency runs from the start of the upload call to the webhook's arrival at the receiver. Exits 1 when a study fails
// or a webhook is missing or duplicated; a missed speed target only prints MISSED.
// Usage: dotnet Ich.Benchmarks.Pipeline.dll [sequential=5] [burst=20]; storage from ICH_TEST_STORAGE, else Azurite's
// default loopback ports.
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Ich.InferenceService.Hosting;
using Ich.LocalHost;
using Ich.LocalHost.Receiving;
using Ich.Notify.Events;
using Ich.Notify.Signing;
using Ich.Phantoms;
using Ich.Phantoms.Output;
using Ich.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

var inv = CultureInfo.InvariantCulture;
var sequential = args.Length > 0 ? int.Parse(args[0], inv) : 5;
var burst = args.Length > 1 ? int.Parse(args[1], inv) : 20;
const long Seed = 4040;
const double TargetSeconds = 5.0;
var patience = TimeSpan.FromSeconds(120);

var connection = Environment.GetEnvironmentVariable(StorageFixture.ConnectionVariable) is { Length: > 0 } configured
    ? configured : StorageFixture.AzuriteConnectionString;
var work = Directory.CreateTempSubdirectory("ich-bench-pipeline-").FullName;
using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
WebApplication? service = null;
WebhookReceiver? receiver = null;
LocalPipelineHost? host = null;
try
{
    // Studies first, before anything runs: generation is not what is measured. Zipped to disk, not kept in memory,
    // so the peak RSS below is the pipeline's.
    var total = 1 + sequential + burst;
    var cohort = Path.Combine(work, "cohort");
    var generated = CohortWriter.Write(new CohortRequest
    {
        OutputFolder = cohort, Studies = total, Seed = Seed, Parallelism = Environment.ProcessorCount,
        Options = new PhantomOptions { Matrix = 512, SliceCount = 40 },
    });
    var zips = new string[total];
    for (var i = 0; i < total; i++)
    {
        var folder = Path.Combine(cohort, CohortWriter.FolderName(i));
        zips[i] = Path.Combine(work, $"study-{i:D3}.zip");
        ZipFile.CreateFromDirectory(folder, zips[i]);
        Directory.Delete(folder, recursive: true);
    }
    var zipMb = zips.Average(z => new FileInfo(z).Length) / (1024.0 * 1024.0);
    Console.WriteLine(string.Create(inv,
        $"studies : {total} phantom studies of {generated.Slices / total} slices, 512x512 ({generated.Files / total} files, zip {zipMb:0.0} MB each); {sequential} sequential after 1 warm-up, then a burst of {burst}"));
    ResetPeakRss();

    // The parts, wired as the end-to-end tests wire them, with the workflow's production settings.
    (service, var inferenceUrl) = await InferenceServiceApp.StartOnLoopbackAsync(RepositoryPaths.Combine("models", "ich-sli-lab"), preferGpu: false);
    receiver = await WebhookReceiver.StartAsync();
    var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
    host = await LocalPipelineHost.StartAsync(new LocalHostOptions
    {
        StorageConnectionString = connection, StoragePrefix = prefix, TaskHub = prefix, InferenceUrl = inferenceUrl,
    }, logging);
    string secret;
    using (var api = new HttpClient { BaseAddress = host.ApiAddress, Timeout = TimeSpan.FromSeconds(30) })
    using (var subscribe = await api.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url }))
    {
        subscribe.EnsureSuccessStatusCode();
        secret = (await subscribe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }
    var verifier = new WebhookVerifier(secret);
    var uploads = host.Storage.Uploads;

    async Task<DateTimeOffset> UploadAsync(int index)
    {
        var started = DateTimeOffset.UtcNow;
        await uploads.GetBlobClient($"bench/study-{index:D3}.zip").UploadAsync(zips[index], overwrite: true);
        return started;
    }

    // Every delivered (2xx) webhook of a study, by its Study Instance UID.
    List<(ReceivedWebhook Hook, CloudEvent<StudyEventData> Event)> Delivered(int index)
    {
        var uid = PhantomUids.Study(Seed, index);
        return [.. receiver.Requests.Where(r => r.AnsweredWith is >= 200 and < 300)
            .Select(r => (Hook: r, Event: StudyEvents.Deserialize(r.Body)))
            .Where(e => e.Event.Data.StudyInstanceUid == uid)];
    }

    async Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!done() && deadline.Elapsed < timeout) await Task.Delay(20);
    }

    var outcomes = new List<Outcome>();
    Outcome Judge(string phase, int index, DateTimeOffset started)
    {
        var hooks = Delivered(index);
        string? problem = hooks.Count switch
        {
            0 => "no webhook",
            > 1 => $"{hooks.Count} webhooks",
            _ when hooks[0].Event.Type != StudyEventTypes.Completed => $"{hooks[0].Event.Type}: {hooks[0].Event.Data.FailureReason}",
            _ when !verifier.Verify(hooks[0].Hook.Id, hooks[0].Hook.Timestamp, hooks[0].Hook.Signature, hooks[0].Hook.Body).IsValid => "bad signature",
            _ => null,
        };
        var outcome = new Outcome(phase, index, started, hooks.Count > 0 ? hooks.Min(h => h.Hook.At) : null, problem);
        outcomes.Add(outcome);
        return outcome;
    }

    // 1. One at a time: the warm-up study pays for first calls (JIT, ORT session, storage connections).
    for (var i = 0; i <= sequential; i++)
    {
        var started = await UploadAsync(i);
        await WaitAsync(() => Delivered(i).Count > 0, patience);
        var outcome = Judge(i == 0 ? "warm-up" : "sequential", i, started);
        Console.WriteLine(string.Create(inv, $"{outcome.Phase,-10} study {i}: {outcome.Seconds:0.00} s{(outcome.Problem is null ? "" : "  FAILED: " + outcome.Problem)}"));
    }

    // 2. A burst: all uploads at once, each timed from its own upload call.
    var first = 1 + sequential;
    var starts = await Task.WhenAll(Enumerable.Range(first, burst).Select(UploadAsync));
    await WaitAsync(() => Enumerable.Range(first, burst).All(i => Delivered(i).Count > 0), patience + TimeSpan.FromSeconds(10 * burst));
    await Task.Delay(TimeSpan.FromSeconds(3)); // room for a late duplicate to show up
    for (var k = 0; k < burst; k++) Judge("burst", first + k, starts[k]);
    var stray = receiver.Requests.Count - outcomes.Sum(o => Delivered(o.Index).Count);

    // Report.
    var singles = outcomes.Where(o => o.Phase == "sequential").ToArray();
    var bursts = outcomes.Where(o => o.Phase == "burst").ToArray();
    var singleOk = singles.Where(o => o.Problem is null).Select(o => o.Seconds).ToArray();
    var burstOk = bursts.Where(o => o.Problem is null).Select(o => o.Seconds).ToArray();
    // Throughput over the burst's span: the first upload call's start to the last webhook's arrival.
    var span = burstOk.Length == 0 ? double.NaN
        : (bursts.Where(o => o.Problem is null).Max(o => o.Arrived!.Value) - bursts.Min(o => o.Started)).TotalSeconds;
    Console.WriteLine();
    Console.WriteLine("phase        studies   ok  webhooks   p50 s   p95 s   max s  span s  studies/min");
    Console.WriteLine(string.Create(inv, $"sequential   {singles.Length,7} {singleOk.Length,4} {singles.Sum(o => Delivered(o.Index).Count),9} {Percentile(singleOk, 50),7:0.00} {Percentile(singleOk, 95),7:0.00} {Max(singleOk),7:0.00} {"-",7} {"-",12}"));
    Console.WriteLine(string.Create(inv, $"burst        {bursts.Length,7} {burstOk.Length,4} {bursts.Sum(o => Delivered(o.Index).Count),9} {Percentile(burstOk, 50),7:0.00} {Percentile(burstOk, 95),7:0.00} {Max(burstOk),7:0.00} {span,7:0.0} {60 * burstOk.Length / span,12:0.0}"));
    Console.WriteLine();
    var median = Percentile(singleOk, 50);
    Console.WriteLine(string.Create(inv, $"latency : median {median:0.00} s upload to webhook, one 40-slice study at a time (target <= {TargetSeconds:0} s on the 2-core machine): {(median <= TargetSeconds ? "MET" : "MISSED")}"));
    Console.WriteLine(string.Create(inv, $"burst   : {burstOk.Length} of {burst} completed, each with exactly one signed webhook; {stray} webhooks for no study of this run"));
    Console.WriteLine(string.Create(inv, $"memory  : peak RSS {PeakRssMb():0} MB (VmHWM: inference service, local host, receiver and driver in one process)"));
    var failed = outcomes.Where(o => o.Problem is not null).ToArray();
    foreach (var f in failed) Console.WriteLine($"FAILED  : {f.Phase} study {f.Index}: {f.Problem}");
    if (stray != 0) Console.WriteLine($"FAILED  : {stray} webhooks matched no uploaded study");
    var pass = failed.Length == 0 && stray == 0;
    Console.WriteLine(pass ? "PASS (every study completed with one webhook)" : "FAIL");
    return pass ? 0 : 1;
}
finally
{
    var storage = host?.Storage;
    if (host is not null) await host.DisposeAsync();
    if (receiver is not null) await receiver.DisposeAsync();
    if (service is not null)
    {
        await service.StopAsync();
        await service.DisposeAsync();
    }
    if (storage is not null)
    {
        try { await storage.DeleteAllAsync(); }
        catch (Azure.RequestFailedException) { /* best effort: the run's prefix keeps leftovers apart */ }
    }
    Directory.Delete(work, recursive: true);
}

// Nearest-rank percentile; NaN for no values.
static double Percentile(IReadOnlyCollection<double> values, double percent)
{
    if (values.Count == 0) return double.NaN;
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static double Max(IReadOnlyCollection<double> values) => values.Count == 0 ? double.NaN : values.Max();

static double PeakRssMb()
{
    var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

// Writing 5 to clear_refs resets VmHWM (Linux >= 4.0), so study generation does not count towards the peak.
static void ResetPeakRss()
{
    try { File.WriteAllText("/proc/self/clear_refs", "5"); }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.WriteLine("memory  : could not reset VmHWM; the peak includes study generation"); }
}

/// <summary>One uploaded study: its phase, cohort index, upload call start, first webhook arrival and what went wrong (null when nothing).</summary>
internal sealed record Outcome(string Phase, int Index, DateTimeOffset Started, DateTimeOffset? Arrived, string? Problem)
{
    /// <summary>Upload-to-webhook latency, s (NaN without a webhook).</summary>
    public double Seconds => Arrived is { } arrived ? (arrived - Started).TotalSeconds : double.NaN;
}
