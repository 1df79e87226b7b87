using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Ich.Pipeline.Runs;
using Ich.Workflow.Status;
using Ich.Workflow.Storage;

namespace Ich.Workflow.Api;

/// <summary>The study API's reads, shared by the Functions app and the local host.</summary>
public sealed class StudyQueries(WorkflowStorage storage, TimeProvider? clock = null)
{
    /// <summary>How long an output link stays valid.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    private readonly StudyStatusStore _status = new(storage);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The study with <paramref name="studyUid"/> (a Study Instance UID, or an upload key for an upload without one); null when unknown.</summary>
    public async Task<StudyView?> GetAsync(string studyUid, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(studyUid) || studyUid.Length > 128) return null;
        var record = await _status.GetAsync(StorageLayout.SafeSegment(studyUid), cancellationToken).ConfigureAwait(false);
        if (record is null) return null;
        var expiry = _clock.GetUtcNow() + LinkLifetime;
        UserDelegationKeyCache? delegation = null;
        var series = new List<SeriesView>();
        foreach (var s in record.Series.OrderBy(s => s.SeriesInstanceUid, StringComparer.Ordinal))
        {
            var links = new Dictionary<string, Uri>();
            foreach (var (kind, blob) in s.Outputs)
            {
                var client = storage.Results.GetBlobClient(blob);
                links[kind] = client.CanGenerateSasUri
                    ? client.GenerateSasUri(BlobSasPermissions.Read, expiry)
                    : await (delegation ??= new UserDelegationKeyCache(storage.Blobs, expiry)).SignAsync(client, cancellationToken).ConfigureAwait(false);
            }
            series.Add(new SeriesView(s.SeriesInstanceUid, s.Status, s.Error, s.Labels, s.PositiveLabels, s.Warnings, s.TimingsMs, links));
        }
        return new StudyView(record.StudyInstanceUid, record.Status, record.Error, record.Positive, record.PositiveLabels, record.ModelVersion,
            record.ReceivedAt, record.CompletedAt, series, AnalysisResults.DefaultNotice);
    }

    // Under a managed identity there is no account key: links are signed with one user delegation key per request.
    private sealed class UserDelegationKeyCache(BlobServiceClient service, DateTimeOffset expiry)
    {
        private Azure.Storage.Blobs.Models.UserDelegationKey? _key;

        public async Task<Uri> SignAsync(BlobClient blob, CancellationToken cancellationToken)
        {
            _key ??= (await service.GetUserDelegationKeyAsync(null, expiry, cancellationToken).ConfigureAwait(false)).Value;
            var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiry) { BlobContainerName = blob.BlobContainerName, BlobName = blob.Name, Resource = "b" };
            return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(_key, service.AccountName) }.ToUri();
        }
    }
}
