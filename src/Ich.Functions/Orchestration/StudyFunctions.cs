using Ich.Notify.Delivery;
using Ich.Workflow.Activities;
using Ich.Workflow.Normalized;
using Ich.Workflow.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Ich.Functions.Orchestration;

/// <summary>
/// The study orchestration and its activities as Functions: each a one-line wrapper around the code the local host
/// runs too (Microsoft.DurableTask.Generators is not served here, so the wrappers are written by hand).
/// </summary>
public sealed class StudyFunctions(InferSeriesActivity infer, PublishSeriesActivity publish, NotifyActivities notify)
{
    /// <summary>The orchestration.</summary>
    [Function(StudyOrchestration.Name)]
    public static Task<StudyOutcome> RunStudyAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        StudyOrchestration.RunAsync(context, context.GetInput<StudyWork>() ?? throw new InvalidOperationException("The study orchestration has no input."));

    /// <summary>Normalized series → inference app → response blob.</summary>
    [Function(ActivityNames.InferSeries)]
    public Task<InferenceDone> InferSeriesAsync([ActivityTrigger] NormalizedSeriesReference reference, CancellationToken cancellationToken) =>
        infer.RunAsync(reference, cancellationToken);

    /// <summary>Heatmaps, reports, DICOM and FHIR outputs, series row.</summary>
    [Function(ActivityNames.PublishSeries)]
    public Task<SeriesOutcome> PublishSeriesAsync([ActivityTrigger] PublishSeriesInput input, CancellationToken cancellationToken) =>
        publish.RunAsync(input, cancellationToken);

    /// <summary>The study row.</summary>
    [Function(ActivityNames.RecordStudy)]
    public Task<bool> RecordStudyAsync([ActivityTrigger] StudyOutcome outcome, CancellationToken cancellationToken) =>
        notify.RecordStudyAsync(outcome, cancellationToken);

    /// <summary>Active webhook subscriptions.</summary>
    [Function(ActivityNames.ListWebhooks)]
    public Task<IReadOnlyList<string>> ListWebhooksAsync([ActivityTrigger] object? unused, CancellationToken cancellationToken) =>
        notify.ListWebhooksAsync(cancellationToken);

    /// <summary>One signed delivery attempt.</summary>
    [Function(ActivityNames.SendWebhook)]
    public Task<DeliveryAttemptOutcome> SendWebhookAsync([ActivityTrigger] WebhookAttempt attempt, CancellationToken cancellationToken) =>
        notify.SendWebhookAsync(attempt, cancellationToken);

    /// <summary>Ends a subscription answered with 410.</summary>
    [Function(ActivityNames.MarkWebhookGone)]
    public Task<bool> MarkWebhookGoneAsync([ActivityTrigger] string subscriptionId, CancellationToken cancellationToken) =>
        notify.MarkWebhookGoneAsync(subscriptionId, cancellationToken);
}
