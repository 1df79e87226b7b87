using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Ich.Workflow.Storage;

/// <summary>The storage account the workflow runs on: its blob and table services and the layout's containers and tables.</summary>
public sealed class WorkflowStorage
{
    private readonly string _prefix;

    /// <summary>Storage on <paramref name="blobs"/> and <paramref name="tables"/>.</summary>
    /// <param name="blobs">The blob service.</param>
    /// <param name="tables">The table service.</param>
    /// <param name="prefix">
    /// Prepended to every container and table name (lower-case letters and digits), so several pipelines can share
    /// one account — tests do, on one Azurite. Empty in Azure, where the blob trigger names <c>uploads</c> itself.
    /// </param>
    public WorkflowStorage(BlobServiceClient blobs, TableServiceClient tables, string prefix = "")
    {
        Blobs = blobs ?? throw new ArgumentNullException(nameof(blobs));
        Tables = tables ?? throw new ArgumentNullException(nameof(tables));
        if (prefix.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c)) || (prefix.Length > 0 && !char.IsAsciiLetterLower(prefix[0])))
            throw new ArgumentException($"'{prefix}' is not a storage prefix: lower-case letters and digits, starting with a letter.", nameof(prefix));
        _prefix = prefix;
    }

    /// <summary>
    /// Storage from a connection string. Blob calls are pinned to service version 2026-06-06, the newest Azurite 3.37
    /// accepts; Azure accepts it too.
    /// </summary>
    public static WorkflowStorage FromConnectionString(string connectionString, string prefix = "") =>
        new(new BlobServiceClient(connectionString, BlobOptions()), new TableServiceClient(connectionString), prefix);

    /// <summary>Storage of the account <paramref name="accountName"/> reached with <paramref name="credential"/> (a managed identity in Azure).</summary>
    public static WorkflowStorage FromAccount(string accountName, Azure.Core.TokenCredential credential, string prefix = "") =>
        new(new BlobServiceClient(new Uri($"https://{accountName}.blob.core.windows.net"), credential, BlobOptions()),
            new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential), prefix);

    /// <summary>Blob client options that work against Azurite as well as Azure.</summary>
    public static BlobClientOptions BlobOptions() => new(BlobClientOptions.ServiceVersion.V2026_06_06);

    /// <summary>The blob service.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>The table service.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>The <see cref="StorageLayout.Uploads"/> container.</summary>
    public BlobContainerClient Uploads => Container(StorageLayout.Uploads);

    /// <summary>The <see cref="StorageLayout.Normalized"/> container.</summary>
    public BlobContainerClient Normalized => Container(StorageLayout.Normalized);

    /// <summary>The <see cref="StorageLayout.Results"/> container.</summary>
    public BlobContainerClient Results => Container(StorageLayout.Results);

    /// <summary>The <see cref="StorageLayout.Quarantine"/> container.</summary>
    public BlobContainerClient Quarantine => Container(StorageLayout.Quarantine);

    /// <summary>The <see cref="StorageLayout.StudiesTable"/> table.</summary>
    public TableClient Studies => Table(StorageLayout.StudiesTable);

    /// <summary>The <see cref="StorageLayout.WebhooksTable"/> table.</summary>
    public TableClient Webhooks => Table(StorageLayout.WebhooksTable);

    /// <summary>The <see cref="StorageLayout.ReceiptsTable"/> table.</summary>
    public TableClient Receipts => Table(StorageLayout.ReceiptsTable);

    /// <summary>Creates every container and table of the layout that does not exist yet (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in StorageLayout.Containers)
            await Container(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var name in StorageLayout.Tables)
            await Table(name).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every container and table of the layout (tests clean up with it).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in StorageLayout.Containers)
            await Container(name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var name in StorageLayout.Tables)
            await Table(name).DeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The container with the layout's <paramref name="name"/>.</summary>
    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(_prefix.Length == 0 ? name : $"{_prefix}-{name}");

    /// <summary>The table with the layout's <paramref name="name"/>.</summary>
    public TableClient Table(string name) => Tables.GetTableClient(_prefix + name);
}
