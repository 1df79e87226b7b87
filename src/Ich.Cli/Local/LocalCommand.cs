using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Ich.Inference.Models;
using Ich.InferenceService.Hosting;
using Ich.LocalHost;
using Ich.LocalHost.Emulator;
using Ich.LocalHost.Receiving;
using Ich.Notify.Events;
using Ich.Phantoms;
using Ich.Phantoms.Output;
using Ich.Pipeline.Runs;
using Ich.Workflow.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Ich.Cli.Local;

/// <summary>
/// <c>ich local run [PATH] [--json]</c>: the serverless pipeline on this machine — Azurite, the inference service, the
/// local host (the Functions app's intake, orchestration and activities on DurableTask.AzureStorage) and a webhook
/// receiver, all on loopback; uploads PATH (a folder, a .zip or a file; a phantom study when omitted), waits for the
/// signed webhook and prints the findings. Exit 0 when the study completed, 1 when it failed, 2 on bad input or when
/// no verified webhook arrived within the timeout. Every process it starts is stopped before it returns.
/// </summary>
internal static class LocalCommand
{
    private static readonly JsonSerializerOptions CompactJson = new(AnalysisResults.Json) { WriteIndented = false };

    /// <summary>Builds <c>local</c> with its <c>run</c> subcommand.</summary>
    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "A study: folder, .zip or DICOM file (default: a phantom study).", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout." };
        var model = new Option<DirectoryInfo?>("--model") { Description = $"Model folder (default: {Analyze.AnalyzeCommand.DefaultModel})." };
        var seed = new Option<long>("--seed") { Description = "Seed of the phantom study when no path is given.", DefaultValueFactory = _ => 2019 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the webhook.", DefaultValueFactory = _ => 120 };
        var run = new Command("run", "Run the serverless pipeline locally on Azurite: upload a study, wait for its signed webhook, print the findings.")
        {
            path, json, model, seed, timeout,
        };
        run.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(path), parseResult.GetValue(json), parseResult.GetValue(model), parseResult.GetValue(seed), parseResult.GetValue(timeout),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return new Command("local", "The serverless pipeline on this machine (Azurite, Durable Task, inference service, webhooks).") { run };
    }

    private static async Task<int> RunAsync(string? path, bool json, DirectoryInfo? modelFolder, long seed, int timeoutSeconds, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var folder = modelFolder?.FullName ?? Analyze.AnalyzeCommand.FindDefaultModel();
        if (folder is null || !File.Exists(Path.Combine(folder, ModelCard.FileName)))
        {
            error.WriteLine($"error: no model folder ({Analyze.AnalyzeCommand.DefaultModel}); pass --model DIR.");
            return 2;
        }
        if (path is not null && !File.Exists(path) && !Directory.Exists(path))
        {
            error.WriteLine($"error: {path} does not exist.");
            return 2;
        }
        var azuriteBin = RepositoryFiles.FindUpwards(Path.Combine("tools", "azurite", "node_modules", ".bin", "azurite"), File.Exists);
        if (azuriteBin is null)
        {
            error.WriteLine("error: Azurite is not installed (tools/azurite): run ./build.sh deps, or ./build.sh demo which installs it.");
            return 2;
        }

        var scratch = Directory.CreateTempSubdirectory("ich-local-");
        var log = (string line) => error.WriteLine(line);
        try
        {
            log("ich local run — decision support, not a diagnosis.");
            var clock = Stopwatch.StartNew();
            await using var azurite = await AzuriteProcess.StartAsync(azuriteBin, Path.Combine(scratch.FullName, "azurite"), cancellationToken);
            log($"Azurite on loopback ({clock.Elapsed.TotalSeconds:0.0} s)");
            await using var service = await StartServiceAsync(folder, cancellationToken);
            log($"inference service at {service.Address} ({clock.Elapsed.TotalSeconds:0.0} s)");
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("DurableTask", LogLevel.Error));
            await using var host = await LocalPipelineHost.StartAsync(new LocalHostOptions
            {
                StorageConnectionString = azurite.ConnectionString,
                InferenceUrl = service.Address,
            }, loggers, cancellationToken);
            await using var receiver = await WebhookReceiver.StartAsync();
            using var api = new HttpClient { BaseAddress = host.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
            using var subscribed = await api.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url }, cancellationToken);
            subscribed.EnsureSuccessStatusCode();
            var secret = (await subscribed.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("secret").GetString()!;
            log($"local host: study API at {host.ApiAddress}, webhook receiver at {receiver.Url} ({clock.Elapsed.TotalSeconds:0.0} s)");

            var (blobName, upload) = PrepareUpload(path, seed, scratch.FullName);
            log($"uploading {blobName} ({upload.Length / 1024.0 / 1024.0:0.0} MB)");
            var uploadClock = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            await host.Storage.Uploads.GetBlobClient(blobName).UploadAsync(upload, overwrite: true, cancellationToken);

            ReceivedWebhook webhook;
            try
            {
                webhook = (await receiver.WaitForDeliveredAsync(1, TimeSpan.FromSeconds(timeoutSeconds))).First();
            }
            catch (TimeoutException)
            {
                error.WriteLine($"error: no webhook arrived within {timeoutSeconds} s of the upload.");
                return 2;
            }
            var uploadToWebhookMs = (webhook.At - started).TotalMilliseconds;
            var verified = WebhookReceiver.IsVerified(webhook, secret);
            if (!verified)
            {
                error.WriteLine("error: the webhook's signature did not verify.");
                return 2;
            }
            var cloudEvent = StudyEvents.Deserialize(webhook.Body);
            var series = await ReadSeriesAsync(host.Storage, cloudEvent.Data.StudyInstanceUid, cancellationToken);
            var report = new LocalRunReport
            {
                StudyInstanceUid = cloudEvent.Data.StudyInstanceUid,
                Status = cloudEvent.Data.Status,
                Error = cloudEvent.Data.FailureReason,
                Webhook = new LocalRunWebhook(cloudEvent.Type, webhook.Id ?? "", verified, Math.Round(uploadToWebhookMs, 1)),
                Series = series,
            };
            if (json) output.WriteLine(JsonSerializer.Serialize(report, CompactJson));
            else WriteSummary(report, output);
            return report.Status == StudyEventData.StatusCompleted ? 0 : 1;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Azurite", StringComparison.Ordinal))
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        finally
        {
            try { scratch.Delete(recursive: true); }
            catch (IOException) { /* temp space */ }
        }
    }

    // A folder is zipped (one blob, one study); a .zip or a single file goes up as it is.
    private static (string BlobName, BinaryData Content) PrepareUpload(string? path, long seed, string scratch)
    {
        if (path is null)
        {
            var cohort = Path.Combine(scratch, "phantom");
            // A routine 5 mm series: the demo shows the pipeline, not the thin-slice end of the generator.
            CohortWriter.Write(new CohortRequest { OutputFolder = cohort, Studies = 1, Seed = seed, Options = new PhantomOptions { SliceThicknessMm = 5f } });
            path = Path.Combine(cohort, CohortWriter.FolderName(0));
        }
        if (Directory.Exists(path))
        {
            var zip = Path.Combine(scratch, "upload.zip");
            ZipFile.CreateFromDirectory(path, zip, CompressionLevel.Fastest, includeBaseDirectory: false);
            return ($"local/{StorageLayout.SafeSegment(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))))}.zip", BinaryData.FromBytes(File.ReadAllBytes(zip)));
        }
        return ($"{StorageLayout.SafeSegment(Path.GetFileName(path))}", BinaryData.FromBytes(File.ReadAllBytes(path)));
    }

    private static async Task<IReadOnlyList<SeriesResult>> ReadSeriesAsync(WorkflowStorage storage, string studyUid, CancellationToken cancellationToken)
    {
        var results = new List<SeriesResult>();
        var prefix = StorageLayout.StudyFolder(studyUid) + "/";
        await foreach (var blob in storage.Results.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken))
        {
            if (!blob.Name.EndsWith("/" + Pipeline.Publish.PublishOperator.ResultsFile, StringComparison.Ordinal)) continue;
            var content = await storage.Results.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
            if (content.Value.Content.ToObjectFromJson<SeriesResult>(AnalysisResults.Json) is { } result) results.Add(result);
        }
        return results;
    }

    private static void WriteSummary(LocalRunReport report, TextWriter output)
    {
        output.WriteLine($"study {report.StudyInstanceUid}: {report.Status}");
        if (report.Error is not null) output.WriteLine($"    error: {report.Error}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    webhook {report.Webhook.Type} ({report.Webhook.Id}), signature {(report.Webhook.Verified ? "verified" : "NOT verified")}, {report.Webhook.UploadToWebhookMs / 1000:0.00} s after the upload"));
        foreach (var series in report.Series)
        {
            output.WriteLine($"    series {series.SeriesInstanceUid ?? "—"}: {series.Status}");
            foreach (var (label, finding) in series.Labels)
            {
                var p = finding.Probability is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "not run";
                output.WriteLine($"        {label,-18} {p,8}  {(finding.Probability is null ? "—" : finding.Positive ? "POSITIVE" : "negative")}");
            }
        }
    }

    private sealed class RunningService(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<RunningService> StartServiceAsync(string modelFolder, CancellationToken cancellationToken)
    {
        // CUDA only where a GPU device exists: elsewhere ONNX Runtime's failed CUDA load prints a native error first.
        var (app, address) = await InferenceServiceApp.StartOnLoopbackAsync(modelFolder, preferGpu: File.Exists("/dev/nvidia0"), cancellationToken);
        using var http = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await http.GetAsync("/readyz", cancellationToken)).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("The inference service was not ready within 60 s.");
            await Task.Delay(50, cancellationToken);
        }
        return new RunningService(app, address);
    }
}
