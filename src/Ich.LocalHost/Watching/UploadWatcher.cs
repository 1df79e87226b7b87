using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Ich.Workflow.Intake;
using Ich.Workflow.Storage;
using Ich.Workflow.Uploads;
using Microsoft.Extensions.Logging;

namespace Ich.LocalHost.Watching;

/// <summary>
/// Behaves like the Functions blob trigger on Azurite, where Event Grid is not emulated: polls the uploads container,
/// hands each new or changed blob (name and ETag) to <see cref="UploadIntake"/>, and keeps a receipt per blob in the
/// receipts table so a restart does not process it again. A blob whose intake throws is retried on later polls; after
/// <see cref="MaxAttempts"/> failures (backing off 1, 2, 4, 8 s) it is poison: moved to quarantine and its receipt says why (the blob trigger's
/// poison queue plays this part in Azure).
/// </summary>
public sealed class UploadWatcher(WorkflowStorage storage, UploadIntake intake, ILogger<UploadWatcher> logger, TimeSpan? pollInterval = null, int maxParallel = 2)
{
    /// <summary>Failed intakes of one blob before it is poison.</summary>
    public const int MaxAttempts = 5;

    private const string Partition = "upload";
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);

    // Blobs (name → ETag) whose receipt is final, so a poll does not read a receipt per blob that stays in uploads.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _settled = new(StringComparer.Ordinal);

    /// <summary>Polls until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException)
            {
                logger.LogWarning("Polling uploads failed ({Message}); trying again", e.Message);
            }
            try { await Task.Delay(_poll, stopping).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(_running.Values).ConfigureAwait(false);
    }

    private async Task PollOnceAsync(CancellationToken stopping)
    {
        foreach (var done in _running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToArray()) _running.Remove(done);
        await foreach (var blob in storage.Uploads.GetBlobsAsync(cancellationToken: stopping).ConfigureAwait(false))
        {
            if (UploadContract.RoleOf(blob.Name) == UploadBlobRole.FolderMember) continue;
            if (_running.ContainsKey(blob.Name) || _running.Count >= maxParallel) continue;
            var etag = blob.Properties.ETag?.ToString() ?? "";
            if (_settled.TryGetValue(blob.Name, out var settled) && settled == etag) continue;
            var receipt = await ReadReceiptAsync(blob.Name, stopping).ConfigureAwait(false);
            if (receipt is not null && receipt.GetString("ETag") == etag && receipt.GetString("Status") != "retry")
            {
                _settled[blob.Name] = etag;
                continue;
            }
            if (receipt?.GetDateTimeOffset("NextAttemptAt") is { } next && next > DateTimeOffset.UtcNow) continue;
            var attempts = receipt?.GetString("ETag") == etag ? receipt.GetInt32("Attempts") ?? 0 : 0;
            _running[blob.Name] = ProcessAsync(blob.Name, etag, attempts, stopping);
        }
    }

    private async Task ProcessAsync(string name, string etag, int attempts, CancellationToken stopping)
    {
        try
        {
            var report = await intake.ProcessAsync(name, stopping).ConfigureAwait(false);
            await WriteReceiptAsync(name, etag, "done", attempts + 1, report.Ignored, stopping).ConfigureAwait(false);
            _settled[name] = etag;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped mid-intake: no receipt, so the next start picks the blob up again.
        }
        catch (Exception e)
        {
            attempts++;
            if (attempts < MaxAttempts)
            {
                logger.LogWarning("Intake of an upload failed (attempt {Attempt} of {Max}): {Message}", attempts, MaxAttempts, e.Message);
                // Backing off 1, 2, 4, 8 s rides out a restarting account instead of burning the attempts in a second.
                await WriteReceiptAsync(name, etag, "retry", attempts, e.Message, stopping, DateTimeOffset.UtcNow.AddSeconds(Math.Pow(2, attempts - 1))).ConfigureAwait(false);
                return;
            }
            logger.LogError("An upload is poison after {Max} failed intakes: {Message}; moving it to quarantine", MaxAttempts, e.Message);
            try { await intake.MoveToQuarantineAsync(name, stopping).ConfigureAwait(false); }
            catch (Exception move) when (move is RequestFailedException or InvalidOperationException) { logger.LogError("Quarantine failed: {Message}", move.Message); }
            await WriteReceiptAsync(name, etag, "poison", attempts, e.Message, stopping).ConfigureAwait(false);
        }
    }

    private async Task<TableEntity?> ReadReceiptAsync(string name, CancellationToken cancellationToken)
    {
        var row = await storage.Receipts.GetEntityIfExistsAsync<TableEntity>(Partition, KeyOf(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    private Task WriteReceiptAsync(string name, string etag, string status, int attempts, string? detail, CancellationToken cancellationToken, DateTimeOffset? nextAttemptAt = null) =>
        storage.Receipts.UpsertEntityAsync(new TableEntity(Partition, KeyOf(name))
        {
            ["Name"] = name,
            ["ETag"] = etag,
            ["Status"] = status,
            ["Attempts"] = attempts,
            ["Detail"] = detail,
            ["NextAttemptAt"] = nextAttemptAt,
        }, TableUpdateMode.Replace, cancellationToken);

    // Blob names may hold '/', which table keys refuse.
    private static string KeyOf(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..40];
}
