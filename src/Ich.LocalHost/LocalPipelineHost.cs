using System.Text.Json;
using Ich.Inference.Client;
using Ich.LocalHost.Durable;
using Ich.LocalHost.Watching;
using Ich.Notify.Delivery;
using Ich.Notify.Subscriptions;
using Ich.Notify.Targets;
using Ich.Workflow.Activities;
using Ich.Workflow.Api;
using Ich.Workflow.Intake;
using Ich.Workflow.Status;
using Ich.Workflow.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ich.LocalHost;

/// <summary>
/// The local host, the embedded default: the same intake, orchestration and activities as the Functions app, on a
/// Durable Task engine backed by the storage account (Azurite), an upload watcher in place of the blob trigger, and
/// the study API on loopback. Stopping it leaves every study's state in storage; starting it again resumes them.
/// </summary>
public sealed class LocalPipelineHost : IAsyncDisposable
{
    private readonly WebApplication _api;
    private readonly LocalDurableEngine _engine;
    private readonly CancellationTokenSource _stopping;
    private readonly Task _watcher;
    private readonly HttpClient _inferenceHttp;
    private readonly WebhookDeliverer _deliverer;

    private LocalPipelineHost(WebApplication api, LocalDurableEngine engine, CancellationTokenSource stopping, Task watcher, HttpClient inferenceHttp,
        WebhookDeliverer deliverer, WorkflowStorage storage, Uri apiAddress)
    {
        _api = api;
        _engine = engine;
        _stopping = stopping;
        _watcher = watcher;
        _inferenceHttp = inferenceHttp;
        _deliverer = deliverer;
        Storage = storage;
        ApiAddress = apiAddress;
    }

    /// <summary>The storage the host runs on.</summary>
    public WorkflowStorage Storage { get; }

    /// <summary>The study API's base address.</summary>
    public Uri ApiAddress { get; }

    /// <summary>The durable engine (for status queries).</summary>
    public LocalDurableEngine Engine => _engine;

    /// <summary>Starts the host: storage layout, API, engine, watcher.</summary>
    public static async Task<LocalPipelineHost> StartAsync(LocalHostOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = WorkflowStorage.FromConnectionString(options.StorageConnectionString, options.StoragePrefix);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var guard = new WebhookTargetGuard(options.WebhookPolicy);
        var subscriptions = new WebhookSubscriptionStore(storage.Webhooks, guard);
        var api = BuildApi(options.ApiUrl, new StudyApi(storage, subscriptions), loggerFactory);
        await api.StartAsync(cancellationToken).ConfigureAwait(false);
        var apiAddress = new Uri(api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var settings = (options.Settings with { ApiBaseUrl = apiAddress.AbsoluteUri.TrimEnd('/') }).Validated();
        var stopping = new CancellationTokenSource();
        var inferenceHttp = new HttpClient { BaseAddress = options.InferenceUrl, Timeout = TimeSpan.FromMinutes(5) };
        var deliverer = new WebhookDeliverer(guard);
        var activities = new ActivityTable(
            new InferSeriesActivity(storage, new InferenceServiceClient(inferenceHttp)),
            new PublishSeriesActivity(storage),
            new NotifyActivities(new StudyStatusStore(storage), subscriptions, deliverer),
            stopping.Token);
        var engine = await LocalDurableEngine.StartAsync(options.StorageConnectionString, options.TaskHub, activities, loggerFactory).ConfigureAwait(false);
        var intake = new UploadIntake(storage, engine, settings, loggerFactory.CreateLogger<UploadIntake>(), options.Ingest);
        var watcher = new UploadWatcher(storage, intake, loggerFactory.CreateLogger<UploadWatcher>(), options.PollInterval, options.MaxParallelIntakes);
        var watching = Task.Run(() => watcher.RunAsync(stopping.Token), CancellationToken.None);
        return new LocalPipelineHost(api, engine, stopping, watching, inferenceHttp, deliverer, storage, apiAddress);
    }

    private static WebApplication BuildApi(string url, StudyApi studies, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapGet("/api/studies/{studyUid}", (string studyUid, HttpContext http) => Write(http, studies.GetStudyAsync(studyUid, http.RequestAborted)));
        app.MapPost("/api/webhooks", (HttpContext http) => Write(http, studies.SubscribeAsync(http.Request.Body, http.RequestAborted)));
        app.MapDelete("/api/webhooks/{id}", (string id, HttpContext http) => Write(http, studies.UnsubscribeAsync(id, http.RequestAborted)));
        app.MapGet("/api/health", (HttpContext http) => Write(http, studies.HealthAsync(http.RequestAborted)));
        return app;
    }

    private static async Task Write(HttpContext http, Task<ApiResult> answer)
    {
        var result = await answer.ConfigureAwait(false);
        http.Response.StatusCode = result.Status;
        if (result.Body is null) return;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, result.Body, result.Body.GetType(), StudyApi.Json, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Stops watcher, engine and API; state stays in storage.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try { await _watcher.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await _engine.DisposeAsync().ConfigureAwait(false);
        await _api.StopAsync().ConfigureAwait(false);
        await _api.DisposeAsync().ConfigureAwait(false);
        _inferenceHttp.Dispose();
        _deliverer.Dispose();
        _stopping.Dispose();
    }
}
