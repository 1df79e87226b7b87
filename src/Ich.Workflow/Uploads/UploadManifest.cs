using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ich.Workflow.Uploads;

/// <summary>The optional content of a folder upload's <c>manifest.json</c>.</summary>
/// <param name="Files">The files of the upload, relative to its folder; null when the manifest only marks completion.</param>
public sealed record UploadManifest([property: JsonPropertyName("files")] IReadOnlyList<string>? Files)
{
    /// <summary>Reads a manifest; an empty body marks completion only.</summary>
    /// <exception cref="UploadRejectedException">The body is not a manifest.</exception>
    public static UploadManifest Parse(ReadOnlySpan<byte> json)
    {
        if (json.Trim((byte)' ').IsEmpty) return new UploadManifest((IReadOnlyList<string>?)null);
        try
        {
            return JsonSerializer.Deserialize<UploadManifest>(json) ?? new UploadManifest((IReadOnlyList<string>?)null);
        }
        catch (JsonException e)
        {
            throw new UploadRejectedException($"{UploadContract.ManifestName} is not valid JSON ({e.Message}).");
        }
    }
}

/// <summary>An upload that breaks the contract or cannot be read; the reason goes into its failed status.</summary>
/// <param name="reason">Why, in one line without patient identity.</param>
public sealed class UploadRejectedException(string reason) : Exception(reason);
