using Ich.Notify.Delivery;
using Ich.Notify.Subscriptions;
using Ich.Workflow.Orchestration;
using Ich.Workflow.Status;

namespace Ich.Workflow.Activities;

/// <summary>The activities around the orchestration's bookkeeping and webhooks: one small method each, no retries of their own.</summary>
public sealed class NotifyActivities(StudyStatusStore status, WebhookSubscriptionStore subscriptions, WebhookDeliverer deliverer)
{
    /// <summary><see cref="ActivityNames.RecordStudy"/>: writes the study row.</summary>
    public async Task<bool> RecordStudyAsync(StudyOutcome outcome, CancellationToken cancellationToken = default)
    {
        await status.RecordStudyAsync(outcome, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary><see cref="ActivityNames.ListWebhooks"/>: the active subscriptions, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ListWebhooksAsync(CancellationToken cancellationToken = default) =>
        [.. (await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.IsActive).Select(s => s.Id)];

    /// <summary>
    /// <see cref="ActivityNames.SendWebhook"/>: one signed attempt (fresh timestamp, the message's stable id). A
    /// subscription deleted meanwhile is a refused target: final, never retried.
    /// </summary>
    public async Task<DeliveryAttemptOutcome> SendWebhookAsync(WebhookAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var endpoint = await subscriptions.GetEndpointAsync(attempt.SubscriptionId, cancellationToken).ConfigureAwait(false);
        if (endpoint is null) return DeliveryAttemptOutcome.TargetRefused("the subscription no longer exists");
        return await deliverer.SendAsync(endpoint, new WebhookMessage(attempt.MessageId, attempt.Body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="ActivityNames.MarkWebhookGone"/>: the receiver answered 410; it gets no more events.</summary>
    public Task<bool> MarkWebhookGoneAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        subscriptions.MarkGoneAsync(subscriptionId, cancellationToken);
}
