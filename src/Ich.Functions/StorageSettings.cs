using Azure.Storage.Blobs;

namespace Ich.Functions;

/// <summary>Where the app's storage account is and how its clients talk to it.</summary>
public static class StorageSettings
{
    /// <summary>The app setting the Functions runtime itself uses for its storage account.</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>
    /// The storage connection string from <see cref="ConnectionSetting"/>; Azurite's development
    /// account when it is unset, so a local run needs no configuration.
    /// </summary>
    public static string ConnectionString(Func<string, string?> getSetting) =>
        getSetting(ConnectionSetting) is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    /// <summary>
    /// Blob options pinned to a service version both Azure and Azurite 3.37 accept (the SDK's
    /// default, 2026-10-06, is newer than Azurite knows).
    /// </summary>
    public static BlobClientOptions BlobOptions() => new(BlobClientOptions.ServiceVersion.V2026_06_06);
}
