using Ich.Pipeline.Infer;

namespace Ich.Workflow.Api;

/// <summary>What <c>GET /api/studies/{studyUid}</c> answers: status, findings and time-limited links to the outputs.</summary>
/// <param name="StudyInstanceUid">The study.</param>
/// <param name="Status"><c>received</c>, <c>completed</c> or <c>failed</c>.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Positive">Whether hemorrhage was flagged (false while received and when failed: see <paramref name="Status"/>).</param>
/// <param name="PositiveLabels">Labels at or above 0.5, <c>any</c> first.</param>
/// <param name="ModelVersion">The model.</param>
/// <param name="ReceivedAt">When the upload arrived.</param>
/// <param name="CompletedAt">When the analysis ended.</param>
/// <param name="Series">Per series.</param>
/// <param name="Notice">Decision support, not a diagnosis.</param>
public sealed record StudyView(
    string StudyInstanceUid,
    string Status,
    string? Error,
    bool Positive,
    IReadOnlyList<string> PositiveLabels,
    string? ModelVersion,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<SeriesView> Series,
    string Notice);

/// <summary>One series in a <see cref="StudyView"/>.</summary>
/// <param name="SeriesInstanceUid">The series.</param>
/// <param name="Status"><c>ok</c> or <c>failed</c>.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Labels">Per label: probability (null when that stage did not run) and verdict.</param>
/// <param name="PositiveLabels">Labels at or above 0.5.</param>
/// <param name="Warnings">Warnings of the analysis.</param>
/// <param name="TimingsMs">Milliseconds per step.</param>
/// <param name="Outputs">Output kind → a read-only link valid for <see cref="StudyQueries.LinkLifetime"/>.</param>
public sealed record SeriesView(
    string SeriesInstanceUid,
    string Status,
    string? Error,
    IReadOnlyDictionary<string, LabelFinding> Labels,
    IReadOnlyList<string> PositiveLabels,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, double> TimingsMs,
    IReadOnlyDictionary<string, Uri> Outputs);
