using Azure.Data.Tables;
using Ich.Testing;

namespace Ich.Functions.Tests;

/// <summary>The shared storage fixture really isolates tests: each gets its own, working container and table.</summary>
[Collection(StorageCollection.Name)]
public sealed class StorageFixtureTests(StorageFixture storage)
{
    [Fact]
    public async Task CreateContainer_GivesADistinctEmptyContainerThatStoresBlobs()
    {
        var first = await storage.CreateContainerAsync();
        var second = await storage.CreateContainerAsync();

        await first.UploadBlobAsync("probe.txt", BinaryData.FromString("hello"));
        var read = await first.GetBlobClient("probe.txt").DownloadContentAsync();

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal("hello", read.Value.Content.ToString());
        Assert.Empty(second.GetBlobs());
    }

    [Fact]
    public async Task CreateTable_GivesATableThatStoresEntities()
    {
        var table = await storage.CreateTableAsync();

        await table.AddEntityAsync(new TableEntity("study", "1") { ["Slices"] = 40 });
        var entity = await table.GetEntityAsync<TableEntity>("study", "1");

        Assert.Equal(40, entity.Value.GetInt32("Slices"));
    }
}
