using System.Security.Cryptography;
using System.Text;

namespace Ich.Workflow.Storage;

/// <summary>
/// Where the workflow keeps things: one container per stage's output and one table per kind of record. Uploads are
/// read and, when they cannot be analysed, moved to <see cref="Quarantine"/>; nothing uploaded is ever deleted.
/// </summary>
public static class StorageLayout
{
    /// <summary>Hospitals write studies here (a .zip, or files under a folder completed by <c>manifest.json</c>).</summary>
    public const string Uploads = "uploads";

    /// <summary>Normalized series: a HU volume and its header per selected series.</summary>
    public const string Normalized = "normalized";

    /// <summary>Inference responses, heatmaps, reports, DICOM and FHIR outputs, under the study.</summary>
    public const string Results = "results";

    /// <summary>Uploads that could not be analysed, moved here with their failure recorded.</summary>
    public const string Quarantine = "quarantine";

    /// <summary>Study and series status rows.</summary>
    public const string StudiesTable = "studies";

    /// <summary>Webhook subscriptions (with their signing secrets).</summary>
    public const string WebhooksTable = "webhooks";

    /// <summary>The local blob watcher's receipts (the blob trigger keeps its own in Azure).</summary>
    public const string ReceiptsTable = "receipts";

    /// <summary>Every container the workflow writes or reads.</summary>
    public static IReadOnlyList<string> Containers { get; } = [Uploads, Normalized, Results, Quarantine];

    /// <summary>Every table the workflow writes or reads.</summary>
    public static IReadOnlyList<string> Tables { get; } = [StudiesTable, WebhooksTable, ReceiptsTable];

    /// <summary>The folder of one study's blobs in <see cref="Normalized"/> and <see cref="Results"/>.</summary>
    /// <param name="studyKey">The study's key (its UID, or the upload's key when no UID could be read).</param>
    public static string StudyFolder(string studyKey) => SafeSegment(studyKey);

    /// <summary>The folder of one series' blobs under its study.</summary>
    public static string SeriesFolder(string studyKey, string seriesInstanceUid) => $"{SafeSegment(studyKey)}/{SafeSegment(seriesInstanceUid)}";

    /// <summary>The key of an upload no study UID could be read from: stable for one upload (name and ETag), different for a re-upload.</summary>
    /// <param name="uploadName">The upload's blob name (or folder).</param>
    /// <param name="version">Its ETag, or anything that changes when it is uploaded again.</param>
    public static string UploadKey(string uploadName, string version) =>
        "upload-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uploadName + "\n" + version)))[..24];

    /// <summary>A UID or key as a blob-name segment and table key: characters either refuses become '_'.</summary>
    public static string SafeSegment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var chars = value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
        return new string(chars);
    }
}
