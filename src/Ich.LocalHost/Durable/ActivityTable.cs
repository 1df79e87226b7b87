using DurableTask.Core;
using Ich.Notify.Delivery;
using Ich.Workflow.Activities;
using Ich.Workflow.Normalized;
using Ich.Workflow.Orchestration;
using Microsoft.DurableTask.Worker.Shims;

namespace Ich.LocalHost.Durable;

/// <summary>The workflow's activities, each bound to its name, as the local engine registers them.</summary>
public sealed class ActivityTable(InferSeriesActivity infer, PublishSeriesActivity publish, NotifyActivities notify, CancellationToken stopping)
{
    /// <summary>One Durable Task activity per <see cref="ActivityNames"/> entry.</summary>
    public IEnumerable<(string Name, TaskActivity Activity)> Create(DurableTaskShimFactory shims)
    {
        yield return Bind<NormalizedSeriesReference, InferenceDone>(shims, ActivityNames.InferSeries, r => infer.RunAsync(r, stopping));
        yield return Bind<PublishSeriesInput, SeriesOutcome>(shims, ActivityNames.PublishSeries, p => publish.RunAsync(p, stopping));
        yield return Bind<StudyOutcome, bool>(shims, ActivityNames.RecordStudy, o => notify.RecordStudyAsync(o, stopping));
        yield return (ActivityNames.ListWebhooks, shims.CreateActivity<object?, IReadOnlyList<string>?>(ActivityNames.ListWebhooks, async (_, _) => await notify.ListWebhooksAsync(stopping)));
        yield return Bind<WebhookAttempt, DeliveryAttemptOutcome>(shims, ActivityNames.SendWebhook, a => notify.SendWebhookAsync(a, stopping));
        yield return Bind<string, bool>(shims, ActivityNames.MarkWebhookGone, id => notify.MarkWebhookGoneAsync(id, stopping));
    }

    // The shims hand inputs over as nullable; every workflow activity needs its input.
    private static (string, TaskActivity) Bind<TIn, TOut>(DurableTaskShimFactory shims, string name, Func<TIn, Task<TOut>> run) where TIn : notnull =>
        (name, shims.CreateActivity<TIn?, TOut?>(name, async (_, input) => await run(input ?? throw new ArgumentNullException(nameof(input), $"{name} got no input."))));
}
