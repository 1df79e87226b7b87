using Ich.Inference.Client;
using Ich.Notify.Delivery;
using Ich.Notify.Subscriptions;
using Ich.Notify.Targets;
using Ich.Workflow.Activities;
using Ich.Workflow.Api;
using Ich.Workflow.Intake;
using Ich.Workflow.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ich.Functions;

/// <summary>What the functions are built from: one place, so a test can compose the app the way the host does.</summary>
public static class AppServices
{
    /// <summary>Registers the workflow's parts for <paramref name="settings"/>.</summary>
    public static IServiceCollection AddIchWorkflow(this IServiceCollection services, AppSettings settings, IWebhookSecretVault secrets)
    {
        var storage = settings.Storage;
        services.AddSingleton(storage);
        services.AddSingleton(storage.Blobs);
        services.AddSingleton(settings.Workflow);
        services.AddSingleton(new WebhookTargetGuard(settings.WebhookPolicy));
        services.AddSingleton(s => new WebhookSubscriptionStore(storage.Webhooks, s.GetRequiredService<WebhookTargetGuard>(), secrets: secrets));
        services.AddSingleton(s => new WebhookDeliverer(s.GetRequiredService<WebhookTargetGuard>()));
        // One long-lived client: the inference app is one host, and a 40-slice 512² series is a 40 MB body.
        services.AddSingleton(new InferSeriesActivity(storage, new InferenceServiceClient(
            new HttpClient { BaseAddress = settings.InferenceUrl, Timeout = TimeSpan.FromMinutes(5) })));
        services.AddSingleton(new PublishSeriesActivity(storage));
        services.AddSingleton(s => new NotifyActivities(new StudyStatusStore(storage), s.GetRequiredService<WebhookSubscriptionStore>(), s.GetRequiredService<WebhookDeliverer>()));
        services.AddSingleton(s => new StudyApi(storage, s.GetRequiredService<WebhookSubscriptionStore>()));
        services.AddSingleton<Func<IStudyOrchestrations, UploadIntake>>(s => orchestrations =>
            new UploadIntake(storage, orchestrations, settings.Workflow, s.GetRequiredService<ILogger<UploadIntake>>(), Ich.Dicom.Series.Inputs.IngestOptions.FunctionsHost));
        return services;
    }
}
