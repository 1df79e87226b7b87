using Azure.Storage.Blobs;
using Ich.Functions;
using Ich.Inference.Client;
using Ich.Notify.Delivery;
using Ich.Notify.Subscriptions;
using Ich.Notify.Targets;
using Ich.Workflow.Activities;
using Ich.Workflow.Api;
using Ich.Workflow.Intake;
using Ich.Workflow.Orchestration;
using Ich.Workflow.Status;
using Ich.Workflow.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
var settings = AppSettings.Read(builder.Configuration);
var storage = settings.Storage;
builder.Services.AddSingleton(storage);
builder.Services.AddSingleton(storage.Blobs);
builder.Services.AddSingleton(settings.Workflow);
builder.Services.AddSingleton(new WebhookTargetGuard(settings.WebhookPolicy));
var secrets = AppSettings.SecretVault(builder.Configuration);
builder.Services.AddSingleton(s => new WebhookSubscriptionStore(storage.Webhooks, s.GetRequiredService<WebhookTargetGuard>(), secrets: secrets));
builder.Services.AddSingleton(s => new WebhookDeliverer(s.GetRequiredService<WebhookTargetGuard>()));
// One long-lived client: the inference app is one host, and a 40-slice 512² series is a 40 MB body.
builder.Services.AddSingleton(new InferSeriesActivity(storage, new InferenceServiceClient(
    new HttpClient { BaseAddress = settings.InferenceUrl, Timeout = TimeSpan.FromMinutes(5) })));
builder.Services.AddSingleton(new PublishSeriesActivity(storage));
builder.Services.AddSingleton(s => new NotifyActivities(new StudyStatusStore(storage), s.GetRequiredService<WebhookSubscriptionStore>(), s.GetRequiredService<WebhookDeliverer>()));
builder.Services.AddSingleton(s => new StudyApi(storage, s.GetRequiredService<WebhookSubscriptionStore>()));
builder.Services.AddSingleton<Func<IStudyOrchestrations, UploadIntake>>(s => orchestrations =>
    new UploadIntake(storage, orchestrations, settings.Workflow, s.GetRequiredService<ILogger<UploadIntake>>(), Ich.Dicom.Series.Inputs.IngestOptions.FunctionsHost));
builder.Build().Run();
