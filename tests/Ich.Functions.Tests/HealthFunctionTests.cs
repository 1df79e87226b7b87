using Azure.Storage.Blobs;
using Ich.Testing;

namespace Ich.Functions.Tests;

[Collection(StorageCollection.Name)]
public sealed class HealthFunctionTests(StorageFixture storage)
{
    [Fact]
    public async Task GivenReachableStorage_WhenChecked_ThenHealthy()
    {
        var function = new HealthFunction(new BlobServiceClient(storage.ConnectionString, StorageSettings.BlobOptions()));

        var report = await function.CheckAsync(CancellationToken.None);

        Assert.True(report.Healthy, report.Detail);
    }

    [Fact]
    public async Task GivenNothingListening_WhenChecked_ThenUnhealthyWithReason()
    {
        // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
        var options = StorageSettings.BlobOptions();
        options.Retry.MaxRetries = 0;
        var function = new HealthFunction(new BlobServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), options));

        var report = await function.CheckAsync(CancellationToken.None);

        Assert.False(report.Healthy);
        Assert.StartsWith("storage unreachable", report.Detail);
    }
}
