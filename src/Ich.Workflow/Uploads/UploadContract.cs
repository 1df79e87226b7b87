namespace Ich.Workflow.Uploads;

/// <summary>What one blob in the uploads container means for the workflow.</summary>
public enum UploadBlobRole
{
    /// <summary>A .zip archive: one upload on its own.</summary>
    Archive,

    /// <summary>A file at the container's root that is not a .zip: one upload of one file (e.g. a multi-frame series).</summary>
    SingleFile,

    /// <summary>A folder's <c>manifest.json</c>: the folder's upload is complete and starts.</summary>
    FolderManifest,

    /// <summary>A file inside a folder: waits for its folder's manifest.</summary>
    FolderMember,
}

/// <summary>
/// The upload contract. An upload is one study:
/// <list type="bullet">
/// <item>a <c>.zip</c> blob anywhere in the container, or a single file at its root; or</item>
/// <item>files under <c>uploads/&lt;folder&gt;/</c> (any depth), completed by writing <c>&lt;folder&gt;/manifest.json</c> last.
/// The manifest may list the files (<c>{"files": ["a.dcm", …]}</c>, relative to the folder); then every listed file
/// must be present, or the upload fails with the missing names.</item>
/// </list>
/// Blobs inside a folder are not analysed until its manifest arrives; a folder's manifest is what the trigger acts on.
/// </summary>
public static class UploadContract
{
    /// <summary>The name of the blob that completes a folder upload.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>The role of the blob named <paramref name="blobName"/>.</summary>
    public static UploadBlobRole RoleOf(string blobName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        if (blobName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return UploadBlobRole.Archive;
        var slash = blobName.LastIndexOf('/');
        if (slash < 0) return UploadBlobRole.SingleFile;
        return string.Equals(blobName[(slash + 1)..], ManifestName, StringComparison.OrdinalIgnoreCase)
            ? UploadBlobRole.FolderManifest
            : UploadBlobRole.FolderMember;
    }

    /// <summary>The folder prefix (with its trailing '/') a manifest completes.</summary>
    public static string FolderOf(string manifestBlobName) => manifestBlobName[..(manifestBlobName.LastIndexOf('/') + 1)];
}
