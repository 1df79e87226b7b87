using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Ich.Workflow.Intake;
using Ich.Workflow.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;

namespace Ich.LocalHost.Durable;

/// <summary>
/// The Durable Task engine of the local host: DurableTask.AzureStorage on the same account as the data (Azurite
/// locally), which is also the backend Durable Functions uses by default in Azure, so orchestration state survives a
/// restart of the host. The very <see cref="StudyOrchestration.RunAsync"/> the Functions app runs is bridged onto it
/// through the Durable Task SDK's shim factory; inputs and outputs use the SDK's System.Text.Json converter.
/// </summary>
public sealed class LocalDurableEngine : IStudyOrchestrations, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;
    private readonly DataConverter _converter = JsonDataConverter.Default;

    private LocalDurableEngine(AzureStorageOrchestrationService service, TaskHubWorker worker, TaskHubClient client)
    {
        _service = service;
        _worker = worker;
        _client = client;
    }

    /// <summary>Creates the task hub if needed, registers the orchestration and <paramref name="activities"/>, and starts the worker.</summary>
    /// <param name="connectionString">The storage account (Azurite's development account locally).</param>
    /// <param name="taskHub">The task hub name (letters and digits, 3–45 characters).</param>
    /// <param name="activities">The activities, each under its <see cref="Ich.Workflow.Activities.ActivityNames"/> name.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="maxConcurrentActivities">Activities run at once.</param>
    public static async Task<LocalDurableEngine> StartAsync(string connectionString, string taskHub, ActivityTable activities, ILoggerFactory loggerFactory, int maxConcurrentActivities = 8)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            PartitionCount = 1,
            // Azurite is local and idle most of the time: poll often so a study does not wait on a sleeping queue.
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            MaxConcurrentTaskActivityWorkItems = maxConcurrentActivities,
            // A message a crashed host had taken reappears after this long (the default, 5 min, would stall a study
            // that long after a crash); live work items renew their visibility while they run.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            MaxConcurrentTaskOrchestrationWorkItems = 8,
            LoggerFactory = loggerFactory,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        var worker = new TaskHubWorker(service, loggerFactory);
        worker.AddTaskOrchestrations(new OrchestrationCreator(StudyOrchestration.Name,
            () => shims.CreateOrchestration<StudyWork, StudyOutcome>(StudyOrchestration.Name, RunStudyAsync)));
        worker.AddTaskActivities([.. activities.Create(shims).Select(a => (ObjectCreator<TaskActivity>)new NameValueObjectCreator<TaskActivity>(a.Name, string.Empty, a.Activity))]);
        await worker.StartAsync().ConfigureAwait(false);

        var client = new TaskHubClient(service, new CoreJsonConverter(JsonDataConverter.Default), loggerFactory);
        return new LocalDurableEngine(service, worker, client);
    }

    private static async Task<StudyOutcome?> RunStudyAsync(TaskOrchestrationContext context, StudyWork? work) =>
        await StudyOrchestration.RunAsync(context, work ?? throw new ArgumentNullException(nameof(work), "The orchestration has no input.")).ConfigureAwait(true);

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken) =>
        await _client.GetOrchestrationStateAsync(instanceId).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    public async Task<bool> StartAsync(string instanceId, StudyWork work, CancellationToken cancellationToken)
    {
        try
        {
            // Any existing instance, running or finished, makes this a duplicate: one analysis and one notification per study.
            await _client.CreateOrchestrationInstanceAsync(StudyOrchestration.Name, string.Empty, instanceId, work, null,
                [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Completed, OrchestrationStatus.Failed,
                 OrchestrationStatus.Terminated, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Canceled]).ConfigureAwait(false);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>The state of a study's orchestration, or null when unknown.</summary>
    public async Task<(OrchestrationStatus Status, StudyOutcome? Outcome, string? Failure)?> GetAsync(string instanceId)
    {
        var state = await _client.GetOrchestrationStateAsync(instanceId).ConfigureAwait(false);
        if (state is null) return null;
        StudyOutcome? outcome = null;
        string? failure = null;
        if (state.OrchestrationStatus == OrchestrationStatus.Completed && state.Output is { Length: > 0 } output)
            outcome = _converter.Deserialize<StudyOutcome>(output);
        else if (state.OrchestrationStatus == OrchestrationStatus.Failed)
            failure = state.FailureDetails?.ErrorMessage ?? state.Output;
        return (state.OrchestrationStatus, outcome, failure);
    }

    /// <summary>Stops the worker: running work items finish, messages not yet taken stay queued for the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _worker.StopAsync(isForced: false).ConfigureAwait(false);
        }
        finally
        {
            _worker.Dispose();
        }
    }

    // Orchestration shims hold one execution's state: a fresh one per work item.
    private sealed class OrchestrationCreator : ObjectCreator<TaskOrchestration>
    {
        private readonly Func<TaskOrchestration> _create;

        public OrchestrationCreator(string name, Func<TaskOrchestration> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override TaskOrchestration Create() => _create();
    }
}
