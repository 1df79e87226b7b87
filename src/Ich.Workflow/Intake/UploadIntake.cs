using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ich.Dicom.Series.Inputs;
using Ich.Pipeline.Ingest;
using Ich.Pipeline.Normalize;
using Ich.Pipeline.SelectSeries;
using Ich.Workflow.Normalized;
using Ich.Workflow.Orchestration;
using Ich.Workflow.Status;
using Ich.Workflow.Storage;
using Ich.Workflow.Uploads;
using Microsoft.Extensions.Logging;

namespace Ich.Workflow.Intake;

/// <summary>
/// What the blob trigger does with an upload: fetch it to local scratch space, ingest, select series, normalize,
/// write the normalized series, record <c>received</c>, and start one orchestration per study under its deterministic
/// id (a study uploaded again is recognised and not analysed or notified twice). An upload that cannot be analysed is
/// a failed study with its reason, notified like any other, and its blobs are moved to quarantine — never deleted.
/// Errors of the storage account itself escape, so the trigger retries (and, in the end, poisons) the blob.
/// </summary>
public sealed class UploadIntake(
    WorkflowStorage storage,
    IStudyOrchestrations orchestrations,
    WorkflowSettings settings,
    ILogger<UploadIntake> logger,
    IngestOptions? ingestOptions = null,
    TimeProvider? clock = null)
{
    private readonly NormalizedSeriesStore _normalized = new(storage);
    private readonly StudyStatusStore _status = new(storage);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Processes the upload blob named <paramref name="blobName"/>.</summary>
    public async Task<IntakeReport> ProcessAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var role = UploadContract.RoleOf(blobName);
        if (role == UploadBlobRole.FolderMember)
            return new IntakeReport(blobName, [], [], [], $"waits for {UploadContract.FolderOf(blobName)}{UploadContract.ManifestName}");

        var receivedAt = _clock.GetUtcNow();
        var uploadName = role == UploadBlobRole.FolderManifest ? UploadContract.FolderOf(blobName) : blobName;
        var scratch = Directory.CreateTempSubdirectory("ich-upload-");
        Upload? upload = null;
        try
        {
            var fetched = await FetchAsync(blobName, role, scratch.FullName, cancellationToken).ConfigureAwait(false);
            if (fetched.Blobs.Count == 0)
                return new IntakeReport(uploadName, [], [], [], "the upload is gone (already processed and quarantined)");
            var blobs = fetched.Blobs;
            string? rejection = fetched.ContractFailure;
            var studies = rejection is not null
                ? [Failed(uploadName, receivedAt, fetched.Version, rejection)]
                : Analyse(uploadName, scratch.FullName, receivedAt, fetched.Version, out rejection, out upload);
            var started = new List<string>();
            var duplicates = new List<string>();
            var pending = new List<StudyWork>();
            foreach (var prepare in studies)
            {
                var instanceId = StudyOrchestration.InstanceIdFor(prepare.StudyKey);
                if (await orchestrations.ExistsAsync(instanceId, cancellationToken).ConfigureAwait(false))
                {
                    duplicates.Add(prepare.StudyKey);
                    continue;
                }
                pending.Add(await prepare.Build(cancellationToken).ConfigureAwait(false));
            }

            // An upload none of whose studies can be analysed moves to quarantine before any orchestration starts, so
            // that by the time its "failed" webhook goes out the upload is already where the event says it is.
            var quarantined = new List<string>();
            if (duplicates.Count == 0 && pending.Count > 0 && pending.All(w => w.Failure is not null))
            {
                foreach (var name in blobs) if (await MoveToQuarantineAsync(name, cancellationToken).ConfigureAwait(false)) quarantined.Add(name);
            }

            foreach (var work in pending)
            {
                await _status.RecordReceivedAsync(work, cancellationToken).ConfigureAwait(false);
                if (await orchestrations.StartAsync(StudyOrchestration.InstanceIdFor(work.StudyKey), work, cancellationToken).ConfigureAwait(false)) started.Add(work.StudyKey);
                else duplicates.Add(work.StudyKey);
            }
            logger.LogInformation("Upload {Upload}: {Started} started, {Duplicates} duplicate, {Quarantined} quarantined{Rejection}",
                uploadName, started.Count, duplicates.Count, quarantined.Count, rejection is null ? "" : " (" + rejection + ")");
            return new IntakeReport(uploadName, started, duplicates, quarantined);
        }
        finally
        {
            upload?.Dispose();
            try { scratch.Delete(recursive: true); }
            catch (IOException e) { logger.LogWarning(e, "Scratch folder {Folder} was not removed", scratch.FullName); }
        }
    }

    // One study of the upload, ready to be normalized and written once we know it is not a duplicate.
    private sealed record PreparedStudy(string StudyKey, Func<CancellationToken, Task<StudyWork>> Build);

    // Ingest, select and (later, per study) normalize share one open upload: every header is read once.
    private List<PreparedStudy> Analyse(string uploadName, string folder, DateTimeOffset receivedAt, string version, out string? rejection, out Upload? upload)
    {
        rejection = null;
        upload = null;
        IngestOutput ingest;
        var request = new IngestRequest([folder]);
        try
        {
            upload = request.Open(ingestOptions);
            ingest = IngestOperator.Run(request, upload);
        }
        catch (IngestException e)
        {
            rejection = e.Message;
            return [Failed(uploadName, receivedAt, version, $"the upload could not be read: {e.Message}")];
        }

        if (ingest.Studies.Count == 0)
        {
            var reasons = ingest.Skipped.Select(s => s.Reason).Distinct().Take(3);
            rejection = "no DICOM study";
            return [Failed(uploadName, receivedAt, version, ingest.Skipped.Count == 0
                ? "the upload holds no files"
                : $"no DICOM study was found in the upload ({ingest.Skipped.Count} file(s) skipped: {string.Join("; ", reasons)})")];
        }

        var prepared = new List<PreparedStudy>();
        var open = upload;
        foreach (var selection in SelectSeriesOperator.Run(ingest, open))
        {
            var key = StorageLayout.SafeSegment(selection.StudyInstanceUid);
            prepared.Add(new PreparedStudy(key, ct => BuildAsync(key, uploadName, receivedAt, selection, open, ct)));
        }
        return prepared;
    }

    private async Task<StudyWork> BuildAsync(string key, string uploadName, DateTimeOffset receivedAt, SeriesSelection selection, Upload upload, CancellationToken cancellationToken)
    {
        var work = new StudyWork(key, selection.StudyInstanceUid, uploadName, receivedAt, [], null, settings);
        if (!selection.IsAccepted) return work with { Failure = selection.Refusal ?? "no series could be selected" };
        NormalizedSeries series;
        try
        {
            series = NormalizeOperator.Run(selection, upload);
        }
        catch (SeriesRefusedException e)
        {
            return work with { Failure = e.Message };
        }
        var reference = await _normalized.WriteAsync(key, series, cancellationToken).ConfigureAwait(false);
        return work with { Series = [reference] };
    }

    private PreparedStudy Failed(string uploadName, DateTimeOffset receivedAt, string version, string failure)
    {
        var key = StorageLayout.UploadKey(uploadName, version);
        return new PreparedStudy(key, _ => Task.FromResult(new StudyWork(key, null, uploadName, receivedAt, [], failure, settings)));
    }

    // The upload's blobs, a version that changes on re-upload, and a breach of the upload contract, if any.
    private sealed record FetchedUpload(IReadOnlyList<string> Blobs, string Version, string? ContractFailure = null);

    // Downloads the upload's blobs into the scratch folder.
    private async Task<FetchedUpload> FetchAsync(string blobName, UploadBlobRole role, string folder, CancellationToken cancellationToken)
    {
        var container = storage.Uploads;
        if (role != UploadBlobRole.FolderManifest)
        {
            var target = Path.Combine(folder, SafeFileName(blobName[(blobName.LastIndexOf('/') + 1)..]));
            try
            {
                var properties = await container.GetBlobClient(blobName).DownloadToAsync(target, cancellationToken).ConfigureAwait(false);
                return new FetchedUpload([blobName], properties.Headers.ETag?.ToString() ?? "");
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return new FetchedUpload([], "");
            }
        }

        var prefix = UploadContract.FolderOf(blobName);
        var names = new List<string>();
        var versions = new List<string>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            names.Add(item.Name);
            versions.Add(item.Properties.ETag?.ToString() ?? "");
        }
        if (!names.Contains(blobName)) return new FetchedUpload([], "");

        var manifestBody = (await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
        UploadManifest manifest;
        try
        {
            manifest = UploadManifest.Parse(manifestBody.ToMemory().Span);
        }
        catch (UploadRejectedException e)
        {
            return new FetchedUpload(names, string.Join(',', versions), e.Message);
        }

        var members = names.Where(n => n != blobName).ToArray();
        foreach (var name in members)
        {
            var relative = name[prefix.Length..];
            // Blob names are the uploader's: a ".." segment must not reach outside the scratch folder.
            var target = Path.GetFullPath(Path.Combine(folder, "files", relative));
            if (!target.StartsWith(Path.GetFullPath(Path.Combine(folder, "files")) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await container.GetBlobClient(name).DownloadToAsync(target, cancellationToken).ConfigureAwait(false);
        }

        if (manifest.Files is { } listed)
        {
            var present = members.Select(n => n[prefix.Length..]).ToHashSet(StringComparer.Ordinal);
            var missing = listed.Where(f => !present.Contains(f.TrimStart('/'))).ToArray();
            if (missing.Length > 0)
            {
                return new FetchedUpload(names, string.Join(',', versions),
                    $"{UploadContract.ManifestName} lists {missing.Length} file(s) that were not uploaded (first: {missing[0]})");
            }
        }
        return new FetchedUpload(names, string.Join(',', versions));
    }

    /// <summary>Copies an upload blob to quarantine (same name) and then removes it from uploads: moved, never lost.</summary>
    public async Task<bool> MoveToQuarantineAsync(string blobName, CancellationToken cancellationToken)
    {
        var source = storage.Uploads.GetBlobClient(blobName);
        var target = storage.Quarantine.GetBlobClient(blobName);
        // Streamed through this host rather than a server-side copy: that needs no SAS on the source under a managed
        // identity, and works the same on Azurite. The source goes only once the copy's length matches.
        long length;
        try
        {
            await using var read = await source.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            length = read.Length;
            await target.UploadAsync(read, overwrite: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        var copied = await target.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (copied.Value.ContentLength != length)
            throw new InvalidOperationException($"The quarantine copy of an upload holds {copied.Value.ContentLength} of {length} bytes; the upload stays where it is.");
        await source.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string SafeFileName(string name) => string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
}
