using System.Text.Json;
using Ich.Inference.Client;
using Ich.Workflow.Normalized;
using Ich.Workflow.Orchestration;
using Ich.Workflow.Storage;

namespace Ich.Workflow.Activities;

/// <summary>
/// <see cref="ActivityNames.InferSeries"/>: reads a normalized series, posts it to the GPU inference app (Grad-CAM
/// asked for) and keeps the response in the results container. Transient failures (429, 503, 5xx, timeouts, no
/// connection) throw, so the orchestration's retry policy backs off and tries again; a permanent refusal (400, 413)
/// is returned as the series' failure — retrying it could not help.
/// </summary>
public sealed class InferSeriesActivity(WorkflowStorage storage, InferenceServiceClient inference)
{
    /// <summary>The name of the response blob of a series.</summary>
    public static string ResponseBlobOf(NormalizedSeriesReference reference) =>
        $"{StorageLayout.SeriesFolder(reference.StudyKey, reference.SeriesInstanceUid)}/inference.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the activity.</summary>
    public async Task<InferenceDone> RunAsync(NormalizedSeriesReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var series = await new NormalizedSeriesStore(storage).ReadAsync(reference, cancellationToken).ConfigureAwait(false);
        Ich.Inference.Client.Contract.InferenceResponse response;
        try
        {
            response = await inference.InferAsync(series.ToHuVolume(), new InferRequestOptions { GradCam = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (InferenceServiceException e) when (!e.IsTransient)
        {
            return new InferenceDone(reference, null, null, $"the inference service refused the series: {e.Message}");
        }

        var blob = ResponseBlobOf(reference);
        await storage.Results.GetBlobClient(blob).UploadAsync(BinaryData.FromObjectAsJson(response, Json), overwrite: true, cancellationToken).ConfigureAwait(false);
        return new InferenceDone(reference, blob, $"{response.Model.Name} {response.Model.Version}", null);
    }
}
