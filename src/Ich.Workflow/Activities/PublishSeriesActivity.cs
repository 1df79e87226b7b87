using System.Diagnostics;
using System.Text.Json;
using Ich.Inference.Client.Contract;
using Ich.Pipeline.Explain;
using Ich.Pipeline.Infer;
using Ich.Pipeline.Publish;
using Ich.Pipeline.Runs;
using Ich.Workflow.Normalized;
using Ich.Workflow.Orchestration;
using Ich.Workflow.Status;
using Ich.Workflow.Storage;

namespace Ich.Workflow.Activities;

/// <summary>
/// <see cref="ActivityNames.PublishSeries"/>: from the normalized series and the inference response, the same
/// findings, Grad-CAM overlays, montage, HTML report, DICOM SC + SR and FHIR report that <c>ich analyze</c> writes —
/// rendered in scratch space, uploaded under <c>results/&lt;study&gt;/&lt;series&gt;/</c> — and the series row. A series
/// that failed earlier gets its failed <c>results.json</c> and row here, so every series leaves a record.
/// </summary>
public sealed class PublishSeriesActivity(WorkflowStorage storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the activity.</summary>
    public async Task<SeriesOutcome> RunAsync(PublishSeriesInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reference = input.Reference;
        var prefix = StorageLayout.SeriesFolder(reference.StudyKey, reference.SeriesInstanceUid);
        var scratch = Directory.CreateTempSubdirectory("ich-publish-");
        try
        {
            var timings = new Dictionary<string, double>();
            SeriesResult result;
            string? model = null;
            var clock = Stopwatch.StartNew();
            if (input.Failure is not null || input.ResponseBlob is null)
            {
                result = PublishOperator.Failed(scratch.FullName, reference.SeriesInstanceUid, input.Failure ?? "no inference response", []);
            }
            else
            {
                var series = await new NormalizedSeriesStore(storage).ReadAsync(reference, cancellationToken).ConfigureAwait(false);
                var body = await storage.Results.GetBlobClient(input.ResponseBlob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                var response = body.Value.Content.ToObjectFromJson<InferenceResponse>(Json)
                    ?? throw new InvalidDataException($"{input.ResponseBlob} is empty.");
                timings["readMs"] = clock.Elapsed.TotalMilliseconds;
                timings["servicePreprocessMs"] = response.Timings.PreprocessMs;
                timings["serviceInferenceMs"] = response.Timings.InferenceMs;
                timings["serviceTotalMs"] = response.Timings.TotalMs;
                model = $"{response.Model.Name} {response.Model.Version}";

                clock.Restart();
                var findings = InferOperator.FromResponse(series, response);
                var explanation = ExplainOperator.FromResponse(series, findings, response, scratch.FullName);
                timings["explainMs"] = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                result = PublishOperator.Run(new PublishRequest(scratch.FullName, series.Selection, findings, explanation, series.Selection.Warnings));
                timings["publishMs"] = clock.Elapsed.TotalMilliseconds;
            }

            // results.json names its outputs by blob name (relative to the series folder), not by this host's scratch paths.
            result = result with
            {
                Heatmaps = [.. result.Heatmaps.Select(p => Relative(scratch.FullName, p))],
                Outputs = result.Outputs.ToDictionary(o => o.Key, o => Relative(scratch.FullName, o.Value)),
            };
            await File.WriteAllTextAsync(Path.Combine(scratch.FullName, PublishOperator.ResultsFile), JsonSerializer.Serialize(result, AnalysisResults.Json), cancellationToken).ConfigureAwait(false);

            clock.Restart();
            foreach (var file in Directory.EnumerateFiles(scratch.FullName, "*", SearchOption.AllDirectories))
            {
                var name = $"{prefix}/{Relative(scratch.FullName, file)}";
                await storage.Results.GetBlobClient(name).UploadAsync(file, overwrite: true, cancellationToken).ConfigureAwait(false);
            }
            timings["uploadMs"] = clock.Elapsed.TotalMilliseconds;

            var positive = result.IsOk ? result.Labels.Where(l => l.Value.Positive).Select(l => l.Key).ToArray() : [];
            var record = new SeriesRecord(reference.SeriesInstanceUid, result.IsOk ? SeriesOutcome.Ok : SeriesOutcome.Failed, result.Error, model, positive,
                result.Labels, timings, result.Outputs.ToDictionary(o => o.Key, o => $"{prefix}/{o.Value}"), result.Warnings);
            await new StudyStatusStore(storage).RecordSeriesAsync(reference.StudyKey, record, cancellationToken).ConfigureAwait(false);
            return new SeriesOutcome(reference.SeriesInstanceUid, record.Status, record.Error, model, positive);
        }
        finally
        {
            try { scratch.Delete(recursive: true); }
            catch (IOException) { /* scratch space; the OS cleans its temp folder */ }
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
