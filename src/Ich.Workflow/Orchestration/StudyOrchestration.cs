using Ich.Notify.Delivery;
using Ich.Notify.Events;
using Ich.Workflow.Activities;
using Microsoft.DurableTask;

namespace Ich.Workflow.Orchestration;

/// <summary>
/// One study, durably: fan out over its normalized series (bounded) to Infer — the GPU inference app over HTTP, retried
/// with backoff — then Publish each series, record the study, and notify every webhook subscription with durable-timer
/// backoff. Deterministic: time comes from the context, jitter from the message id, settings from the input; payloads
/// are references. Every host runs this very method: the Functions app through a <c>[Function]</c> wrapper, the local
/// host on DurableTask.AzureStorage.
/// </summary>
public static class StudyOrchestration
{
    /// <summary>The orchestration's name.</summary>
    public const string Name = "StudyOrchestration";

    /// <summary>The deterministic instance id of a study's orchestration: one analysis and one notification per study.</summary>
    /// <param name="studyKey">The study's key.</param>
    public static string InstanceIdFor(string studyKey) => "study_" + studyKey;

    /// <summary>Runs the study.</summary>
    public static async Task<StudyOutcome> RunAsync(TaskOrchestrationContext context, StudyWork work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        var settings = work.Settings;
        var series = new List<SeriesOutcome>();
        if (work.Failure is null)
        {
            var running = new List<Task<SeriesOutcome>>();
            foreach (var reference in work.Series)
            {
                if (running.Count >= settings.MaxParallelSeries)
                {
                    var finished = await Task.WhenAny(running);
                    running.Remove(finished);
                    series.Add(await finished);
                }
                running.Add(AnalyseSeriesAsync(context, reference, settings));
            }
            series.AddRange(await Task.WhenAll(running));
        }

        var outcome = Summarise(work, series, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        await context.CallActivityAsync(ActivityNames.RecordStudy, outcome, StorageRetry);
        var deliveries = await NotifyAsync(context, work, outcome);
        return outcome with { Deliveries = deliveries };
    }

    // Storage writes are idempotent; a few quick retries ride out a throttled or restarting account.
    private static readonly TaskOptions StorageRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(15)));

    private static async Task<SeriesOutcome> AnalyseSeriesAsync(TaskOrchestrationContext context, Normalized.NormalizedSeriesReference reference, WorkflowSettings settings)
    {
        string? failure;
        string? responseBlob = null;
        var inferenceRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            settings.InferenceAttempts, TimeSpan.FromMilliseconds(settings.InferenceFirstRetryMs), 2, TimeSpan.FromMilliseconds(settings.InferenceMaxRetryMs)));
        try
        {
            var done = await context.CallActivityAsync<InferenceDone>(ActivityNames.InferSeries, reference, inferenceRetry);
            failure = done.Failure;
            responseBlob = done.ResponseBlob;
        }
        catch (TaskFailedException e)
        {
            failure = $"the inference service did not answer after {settings.InferenceAttempts} attempts: {e.FailureDetails.ErrorMessage}";
        }

        try
        {
            return await context.CallActivityAsync<SeriesOutcome>(ActivityNames.PublishSeries, new PublishSeriesInput(reference, responseBlob, failure), StorageRetry);
        }
        catch (TaskFailedException e)
        {
            return new SeriesOutcome(reference.SeriesInstanceUid, SeriesOutcome.Failed, $"the results could not be published: {e.FailureDetails.ErrorMessage}", null, []);
        }
    }

    /// <summary>The study's outcome from its series': completed when every series was analysed, else failed with the first reason.</summary>
    public static StudyOutcome Summarise(StudyWork work, IReadOnlyList<SeriesOutcome> series, DateTimeOffset completedAt)
    {
        var error = work.Failure
            ?? series.FirstOrDefault(s => s.Status != SeriesOutcome.Ok)?.Error
            ?? (series.Count == 0 ? "no series to analyse" : null);
        var positive = series.Where(s => s.Status == SeriesOutcome.Ok).SelectMany(s => s.PositiveLabels).Distinct().ToList();
        if (positive.Remove(Ich.Inference.Models.ModelLabels.Any)) positive.Insert(0, Ich.Inference.Models.ModelLabels.Any);
        var status = error is null ? StudyEventData.StatusCompleted : StudyEventData.StatusFailed;
        return new StudyOutcome(work.StudyKey, work.EventUid, status, error, series.Select(s => s.ModelVersion).FirstOrDefault(v => v is not null),
            error is null ? positive : [], series, completedAt);
    }

    /// <summary>The event the study's outcome is announced with; deterministic for one outcome.</summary>
    public static CloudEvent<StudyEventData> EventFor(StudyWork work, StudyOutcome outcome)
    {
        var results = new Uri(new Uri(work.Settings.ApiBaseUrl.TrimEnd('/') + "/"), "api/studies/" + Uri.EscapeDataString(outcome.EventUid));
        if (outcome.Status == StudyEventData.StatusCompleted)
        {
            var subtypes = outcome.PositiveLabels.Where(l => l != Ich.Inference.Models.ModelLabels.Any).ToArray();
            return StudyEvents.Completed(work.Settings.EventSource, outcome.EventUid, outcome.Positive, outcome.Positive ? subtypes : [],
                outcome.ModelVersion ?? "unknown", results, outcome.CompletedAt);
        }
        return StudyEvents.Failed(work.Settings.EventSource, outcome.EventUid, outcome.Error ?? "failed", outcome.ModelVersion, results, outcome.CompletedAt);
    }

    private static async Task<IReadOnlyList<DeliverySummary>> NotifyAsync(TaskOrchestrationContext context, StudyWork work, StudyOutcome outcome)
    {
        var cloudEvent = EventFor(work, outcome);
        var body = StudyEvents.Serialize(cloudEvent);
        var subscriptions = await context.CallActivityAsync<IReadOnlyList<string>>(ActivityNames.ListWebhooks, null, StorageRetry);
        var schedule = new WebhookRetrySchedule(work.Settings.WebhookAttempts,
            TimeSpan.FromMilliseconds(work.Settings.WebhookBaseDelayMs), TimeSpan.FromMilliseconds(work.Settings.WebhookMaxDelayMs));
        var deliveries = subscriptions.Select(id => DeliverAsync(context, schedule, new WebhookAttempt(id, cloudEvent.Id, body)));
        return await Task.WhenAll(deliveries);
    }

    // One subscription: an attempt per activity, durable timers between them, so a restart resumes the schedule.
    private static async Task<DeliverySummary> DeliverAsync(TaskOrchestrationContext context, WebhookRetrySchedule schedule, WebhookAttempt attempt)
    {
        for (var number = 1; ; number++)
        {
            var result = await context.CallActivityAsync<DeliveryAttemptOutcome>(ActivityNames.SendWebhook, attempt);
            var decision = schedule.Next(number, result, WebhookRetrySchedule.JitterFor(attempt.MessageId, number));
            if (decision.Verdict == DeliveryVerdict.Gone)
                await context.CallActivityAsync(ActivityNames.MarkWebhookGone, attempt.SubscriptionId, StorageRetry);
            if (decision.IsFinal)
                return new DeliverySummary(attempt.SubscriptionId, attempt.MessageId, decision.Verdict.ToString().ToLowerInvariant(), number, decision.Reason);
            await context.CreateTimer(decision.Delay, CancellationToken.None);
        }
    }
}
