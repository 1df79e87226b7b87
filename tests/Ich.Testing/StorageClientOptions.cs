using Azure.Storage.Blobs;

namespace Ich.Testing;

/// <summary>Client options that work against Azurite as well as Azure.</summary>
public static class StorageClientOptions
{
    /// <summary>
    /// Blob options pinned to a service version Azurite 3.37 accepts, so tests also pass against an
    /// Azurite started without <c>--skipApiVersionCheck</c>.
    /// </summary>
    public static BlobClientOptions Blobs() => new(BlobClientOptions.ServiceVersion.V2026_06_06);
}
