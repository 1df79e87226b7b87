using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Xunit;

namespace Ich.Testing;

/// <summary>
/// Connects the tests to a running Azurite (or any Azure Storage account) and hands each test
/// its own containers and tables, deleted again when the fixture is disposed.
/// </summary>
/// <remarks>
/// The connection string comes from <c>ICH_TEST_STORAGE</c>, else Azurite's well-known development
/// account on 127.0.0.1. When nothing answers, <see cref="InitializeAsync"/> throws with a message
/// that says how to start Azurite: storage tests fail loudly, they never skip.
/// </remarks>
public sealed class StorageFixture : IAsyncLifetime
{
    /// <summary>The environment variable that overrides the storage connection string.</summary>
    public const string ConnectionVariable = "ICH_TEST_STORAGE";

    /// <summary>Azurite's published development account, on the loopback ports <c>build.sh</c> starts it on.</summary>
    public const string AzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;" +
        "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private readonly List<BlobContainerClient> _containers = [];
    private readonly List<TableClient> _tables = [];

    /// <summary>The connection string in use.</summary>
    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } configured ? configured : AzuriteConnectionString;

    /// <summary>The blob service of the account.</summary>
    public BlobServiceClient Blobs { get; private set; } = null!;

    /// <summary>The table service of the account.</summary>
    public TableServiceClient Tables { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Blobs = new BlobServiceClient(ConnectionString, StorageClientOptions.Blobs());
        Tables = new TableServiceClient(ConnectionString);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Blobs.GetPropertiesAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            throw new InvalidOperationException(
                $"Azure Storage is not reachable ({Blobs.Uri}): " +
                (e is OperationCanceledException ? "no answer within 10 s. " : $"{e.Message.TrimEnd('.')}. ") +
                "Run the tests with ./build.sh test, which starts Azurite, or start Azurite yourself with " +
                "./build.sh azurite and set " + ConnectionVariable + " if it is not on the default ports.", e);
        }
    }

    /// <summary>Creates a new, empty container with a unique name for one test.</summary>
    public async Task<BlobContainerClient> CreateContainerAsync(string prefix = "t")
    {
        var container = Blobs.GetBlobContainerClient(UniqueName(prefix).ToLowerInvariant());
        await container.CreateAsync();
        lock (_containers) _containers.Add(container);
        return container;
    }

    /// <summary>Creates a new, empty table with a unique name for one test.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix = "t")
    {
        var table = Tables.GetTableClient(UniqueName(prefix));
        await table.CreateAsync();
        lock (_tables) _tables.Add(table);
        return table;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var container in _containers) await container.DeleteIfExistsAsync();
        foreach (var table in _tables) await table.DeleteAsync();
    }

    // Container names: 3-63 lower-case letters and digits; table names: letters and digits, starting with a letter.
    private static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..20];
}
