using Azure.Storage.Blobs;
using Ich.Workflow.Intake;
using Ich.Workflow.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Ich.Functions.Uploads;

/// <summary>
/// The blob trigger on <c>uploads</c>: in Azure its source is Event Grid (a subscription on BlobCreated, see
/// <c>infra/</c>), so an upload starts within a second and no container is scanned. It runs the shared intake; an
/// exception (storage unreachable) fails the invocation, the host retries it, and after <c>maxDequeueCount</c>
/// attempts the blob's message lands on the <c>webjobs-blob-trigger-poison</c> queue (see the README's poison handling).
/// </summary>
public sealed class UploadTriggerFunction(Func<IStudyOrchestrations, UploadIntake> intakeFor)
{
    /// <summary>The function's name (infra/main.bicep's <c>blobTriggerFunctionName</c> points Event Grid at it).</summary>
    public const string Name = "IngestUpload";

    /// <summary>Takes in one upload blob.</summary>
    [Function(Name)]
    public Task<IntakeReport> RunAsync(
        [BlobTrigger("uploads/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        intakeFor(new DurableClientOrchestrations(durable)).ProcessAsync(blob.Name, cancellationToken);
}

/// <summary>The Functions durable client as intake sees it.</summary>
public sealed class DurableClientOrchestrations(DurableTaskClient client) : IStudyOrchestrations
{
    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null;

    /// <inheritdoc />
    public async Task<bool> StartAsync(string instanceId, StudyWork work, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(StudyOrchestration.Name, work, new StartOrchestrationOptions(instanceId), cancellationToken);
            return true;
        }
        catch (Exception e) when (e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            // A concurrent duplicate upload won the race: one analysis and one notification per study.
            return false;
        }
    }
}
