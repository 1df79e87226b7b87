using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ich.Dicom.Pixels.Tests.Support;

/// <summary>One fixture file's entry in tests/data/dicom/reference-hashes.json.</summary>
internal sealed record ReferenceEntry(
    [property: JsonPropertyName("frames")] int Frames,
    [property: JsonPropertyName("frameLength")] int FrameLength,
    [property: JsonPropertyName("sha256")] string? Sha256,
    [property: JsonPropertyName("frameSha256")] string[]? FrameSha256,
    [property: JsonPropertyName("decoder")] string? Decoder,
    [property: JsonPropertyName("transferSyntax")] string? TransferSyntax,
    [property: JsonPropertyName("lossy")] bool Lossy,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>
/// The reference decoders' SHA-256 of every fixture's decoded stored values, written by
/// scripts/reference-hashes/generate.sh.
/// </summary>
internal static class ReferenceHashes
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceEntry>> Entries = new(Load);

    /// <summary>Every entry, keyed by "folder/file.dcm".</summary>
    public static IReadOnlyDictionary<string, ReferenceEntry> All => Entries.Value;

    /// <summary>The entry of <paramref name="key"/>.</summary>
    public static ReferenceEntry For(string key) =>
        All.TryGetValue(key, out var entry) ? entry : throw new KeyNotFoundException($"{key} is not in reference-hashes.json; run scripts/reference-hashes/generate.sh.");

    /// <summary>Keys of the fixtures a reference decoder decoded, filtered.</summary>
    public static TheoryData<string> Keys(Func<ReferenceEntry, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var (key, entry) in All.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (predicate(entry)) data.Add(key);
        }

        return data;
    }

    private static IReadOnlyDictionary<string, ReferenceEntry> Load()
    {
        using var stream = File.OpenRead(Path.Combine(Fixtures.Root, "reference-hashes.json"));
        using var document = JsonDocument.Parse(stream);
        var files = document.RootElement.GetProperty("files");
        var entries = new Dictionary<string, ReferenceEntry>(StringComparer.Ordinal);
        foreach (var property in files.EnumerateObject())
        {
            entries[property.Name] = property.Value.Deserialize<ReferenceEntry>()!;
        }

        return entries;
    }
}
