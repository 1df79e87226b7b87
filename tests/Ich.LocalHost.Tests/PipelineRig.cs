using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Ich.LocalHost.Receiving;
using Ich.InferenceService.Hosting;
using Ich.Phantoms;
using Ich.Phantoms.Output;
using Ich.Testing;
using Ich.Workflow.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ich.LocalHost.Tests;

/// <summary>
/// The whole local pipeline on real parts: Azurite (its own prefix and task hub per rig, so rigs share one Azurite),
/// the real inference service with the shipped model on loopback, the local host, and a webhook receiver subscribed
/// through the study API.
/// </summary>
public sealed class PipelineRig : IAsyncDisposable
{
    private WebApplication? _service;

    private PipelineRig(string prefix, WebhookReceiver receiver)
    {
        Prefix = prefix;
        Receiver = receiver;
    }

    /// <summary>The storage prefix and task hub of this rig.</summary>
    public string Prefix { get; }

    /// <summary>The subscribed receiver.</summary>
    public WebhookReceiver Receiver { get; }

    /// <summary>The receiver's signing secret.</summary>
    public string Secret { get; private set; } = "";

    /// <summary>The local host (null while stopped).</summary>
    public LocalPipelineHost? Host { get; private set; }

    /// <summary>The inference service's address.</summary>
    public Uri InferenceUrl { get; private set; } = null!;

    /// <summary>An HTTP client on the study API.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>The storage connection string.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(StorageFixture.ConnectionVariable) is { Length: > 0 } configured ? configured : StorageFixture.AzuriteConnectionString;

    /// <summary>Fast retries, so failure paths finish in seconds.</summary>
    public static WorkflowSettings TestSettings { get; } = new()
    {
        InferenceAttempts = 3, InferenceFirstRetryMs = 200, InferenceMaxRetryMs = 1_000,
        WebhookAttempts = 6, WebhookBaseDelayMs = 100, WebhookMaxDelayMs = 1_000,
    };

    /// <summary>Starts everything; <paramref name="inferenceUrl"/> replaces the real service (e.g. a closed port).</summary>
    public static async Task<PipelineRig> StartAsync(Uri? inferenceUrl = null)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var rig = new PipelineRig(prefix, await WebhookReceiver.StartAsync());
        if (inferenceUrl is null)
        {
            (rig._service, inferenceUrl) = await InferenceServiceApp.StartOnLoopbackAsync(RepositoryPaths.Combine("models", "ich-sli-lab"), preferGpu: false);
        }
        rig.InferenceUrl = inferenceUrl;
        await rig.StartHostAsync();
        using var subscribe = await rig.Api.PostAsJsonAsync("/api/webhooks", new { url = rig.Receiver.Url });
        subscribe.EnsureSuccessStatusCode();
        rig.Secret = (await subscribe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        return rig;
    }

    /// <summary>Starts (or restarts) the local host on the rig's storage.</summary>
    public async Task StartHostAsync()
    {
        Host = await LocalPipelineHost.StartAsync(new LocalHostOptions
        {
            StorageConnectionString = ConnectionString,
            StoragePrefix = Prefix,
            TaskHub = Prefix,
            InferenceUrl = InferenceUrl,
            Settings = TestSettings,
        }, NullLoggerFactory.Instance);
        Api?.Dispose();
        Api = new HttpClient { BaseAddress = Host.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Stops the local host as a crash would leave it: work in flight is abandoned to the next start.</summary>
    public async Task StopHostAsync()
    {
        if (Host is null) return;
        await Host.DisposeAsync();
        Host = null;
    }

    /// <summary>Writes a one-study phantom cohort (256², 5 mm) and zips it; returns the zip's bytes and the study folder.</summary>
    public static (byte[] Zip, string Folder) PhantomStudy(long seed)
    {
        var folder = Directory.CreateTempSubdirectory("ich-rig-").FullName;
        CohortWriter.Write(new CohortRequest
        {
            OutputFolder = folder, Studies = 1, Seed = seed, Parallelism = 2,
            Options = new PhantomOptions { Matrix = 256, SliceThicknessMm = 5f },
        });
        var study = Path.Combine(folder, CohortWriter.FolderName(0));
        var zip = Path.Combine(folder, "study.zip");
        ZipFile.CreateFromDirectory(study, zip);
        return (File.ReadAllBytes(zip), study);
    }

    /// <summary>Uploads <paramref name="bytes"/> as blob <paramref name="name"/> of the uploads container.</summary>
    public async Task UploadAsync(string name, byte[] bytes)
    {
        var storage = Host!.Storage;
        await storage.Uploads.GetBlobClient(name).UploadAsync(new BinaryData(bytes), overwrite: true);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var storage = Host?.Storage;
        await StopHostAsync();
        Api?.Dispose();
        await Receiver.DisposeAsync();
        if (_service is not null)
        {
            await _service.StopAsync();
            await _service.DisposeAsync();
        }
        if (storage is not null)
        {
            try { await storage.DeleteAllAsync(); }
            catch (Azure.RequestFailedException) { /* best effort: the prefix keeps leftovers apart */ }
        }
    }
}
