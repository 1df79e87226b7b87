using System.Text.Json;
using System.Text.Json.Serialization;
using Ich.Pipeline.Infer;

namespace Ich.Pipeline.Runs;

/// <summary>One series' result, as <c>results.json</c> and <c>ich analyze --json</c> write it.</summary>
public sealed record SeriesResult
{
    /// <summary>Series Instance UID (null when no series could be chosen).</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary><c>ok</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why it failed; absent when ok.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    /// <summary>Warnings (gantry tilt, no Grad-CAM, …).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Per label; empty when failed.</summary>
    public IReadOnlyDictionary<string, LabelFinding> Labels { get; init; } = new Dictionary<string, LabelFinding>();

    /// <summary>Per slice; empty when failed.</summary>
    public IReadOnlyList<SliceFinding> Slices { get; init; } = [];

    /// <summary>Paths of the Grad-CAM overlays.</summary>
    public IReadOnlyList<string> Heatmaps { get; init; } = [];

    /// <summary>The other outputs written (HTML, DICOM, FHIR, …), by kind.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();

    /// <summary>The decision-support notice.</summary>
    public string Notice { get; init; } = AnalysisResults.DefaultNotice;

    /// <summary>Whether the status is ok.</summary>
    [JsonIgnore]
    public bool IsOk => Status == AnalysisResults.Ok;
}

/// <summary>One study's results.</summary>
/// <param name="StudyInstanceUid">Study Instance UID.</param>
/// <param name="Series">Its analysed (or refused) series.</param>
public sealed record StudyResult(string StudyInstanceUid, IReadOnlyList<SeriesResult> Series);

/// <summary>Everything one analysis run found.</summary>
/// <param name="Studies">Per study.</param>
public sealed record AnalysisResults(IReadOnlyList<StudyResult> Studies)
{
    /// <summary>Status of an analysed series.</summary>
    public const string Ok = "ok";

    /// <summary>Status of a series that could not be analysed.</summary>
    public const string Failed = "failed";

    /// <summary>The notice when no model card gives one.</summary>
    public const string DefaultNotice = "Decision support, not a diagnosis.";

    /// <summary>JSON settings (camelCase, nulls written: a null probability means "not run").</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Whether every series was analysed.</summary>
    [JsonIgnore]
    public bool AllOk => Studies.Count > 0 && Studies.All(s => s.Series.Count > 0 && s.Series.All(r => r.IsOk));
}
