using Ich.Testing;

namespace Ich.Notify.Tests;

/// <summary>Shares one Azurite connection among the storage tests.</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "storage";
}
