using System.Text.Json.Serialization;
using Ich.Pipeline.Runs;

namespace Ich.Cli.Local;

/// <summary>What <c>ich local run --json</c> prints: one object.</summary>
public sealed record LocalRunReport
{
    /// <summary>The study (its UID, or the upload's key when none could be read).</summary>
    public required string StudyInstanceUid { get; init; }

    /// <summary><c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why it failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    /// <summary>The webhook that announced it.</summary>
    public required LocalRunWebhook Webhook { get; init; }

    /// <summary>The series results, as <c>ich analyze</c> writes them.</summary>
    public IReadOnlyList<SeriesResult> Series { get; init; } = [];
}

/// <summary>The announcing webhook.</summary>
/// <param name="Type">The CloudEvent type.</param>
/// <param name="Id">The <c>webhook-id</c>.</param>
/// <param name="Verified">Whether its Standard Webhooks signature checked out.</param>
/// <param name="UploadToWebhookMs">From the start of the upload to the webhook's arrival.</param>
public sealed record LocalRunWebhook(string Type, string Id, bool Verified, double UploadToWebhookMs);
