using Ich.Testing;

namespace Ich.Functions.Tests;

/// <summary>Tests in this collection share one connection to the running Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "storage";
}
