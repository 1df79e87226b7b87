using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Ich.Pipeline.Infer;
using Ich.Workflow.Orchestration;
using Ich.Workflow.Storage;

namespace Ich.Workflow.Status;

/// <summary>
/// Study and series status in the <see cref="StorageLayout.StudiesTable"/> table: partition = study key, one row
/// <c>study</c> and one row <c>series_&lt;uid&gt;</c> per series. Only pseudonymous UIDs and findings: no patient identity.
/// </summary>
public sealed class StudyStatusStore(WorkflowStorage storage)
{
    /// <summary>The study row's key.</summary>
    public const string StudyRow = "study";

    /// <summary>The prefix of a series row's key.</summary>
    public const string SeriesRowPrefix = "series_";

    /// <summary>Status of a study received and waiting for its analysis.</summary>
    public const string Received = "received";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Studies;

    /// <summary>Records that a study was received (or received and refused, when the work carries a failure).</summary>
    public Task RecordReceivedAsync(StudyWork work, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(work.StudyKey, StudyRow)
        {
            ["StudyInstanceUid"] = work.EventUid,
            ["Status"] = Received,
            ["Upload"] = work.UploadName,
            ["ReceivedAt"] = work.ReceivedAt,
            ["SeriesCount"] = work.Series.Count,
            ["Error"] = work.Failure,
        };
        return Table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Records a study's outcome.</summary>
    public Task RecordStudyAsync(StudyOutcome outcome, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(outcome.StudyKey, StudyRow)
        {
            ["StudyInstanceUid"] = outcome.EventUid,
            ["Status"] = outcome.Status,
            ["Error"] = outcome.Error,
            ["Positive"] = outcome.Positive,
            ["PositiveLabels"] = string.Join(',', outcome.PositiveLabels),
            ["ModelVersion"] = outcome.ModelVersion,
            ["CompletedAt"] = outcome.CompletedAt,
            ["SeriesCount"] = outcome.Series.Count,
        };
        return Table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Records one series' result.</summary>
    public Task RecordSeriesAsync(string studyKey, SeriesRecord record, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(studyKey, SeriesRowPrefix + StorageLayout.SafeSegment(record.SeriesInstanceUid))
        {
            ["SeriesInstanceUid"] = record.SeriesInstanceUid,
            ["Status"] = record.Status,
            ["Error"] = record.Error,
            ["ModelVersion"] = record.ModelVersion,
            ["PositiveLabels"] = string.Join(',', record.PositiveLabels),
            ["Labels"] = JsonSerializer.Serialize(record.Labels, Json),
            ["Timings"] = JsonSerializer.Serialize(record.TimingsMs, Json),
            ["Outputs"] = JsonSerializer.Serialize(record.Outputs, Json),
            ["Warnings"] = JsonSerializer.Serialize(record.Warnings, Json),
        };
        return Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The study's rows, or null when it is unknown.</summary>
    public async Task<StudyRecord?> GetAsync(string studyKey, CancellationToken cancellationToken = default)
    {
        TableEntity? study = null;
        var series = new List<SeriesRecord>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == studyKey, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == StudyRow) study = row;
            else if (row.RowKey.StartsWith(SeriesRowPrefix, StringComparison.Ordinal)) series.Add(ToSeries(row));
        }
        if (study is null) return null;
        return new StudyRecord(
            study.GetString("StudyInstanceUid") ?? studyKey,
            study.GetString("Status") ?? Received,
            study.GetString("Error"),
            study.GetBoolean("Positive") ?? false,
            Split(study.GetString("PositiveLabels")),
            study.GetString("ModelVersion"),
            study.GetDateTimeOffset("ReceivedAt"),
            study.GetDateTimeOffset("CompletedAt"),
            series);
    }

    private static SeriesRecord ToSeries(TableEntity row) => new(
        row.GetString("SeriesInstanceUid") ?? row.RowKey[SeriesRowPrefix.Length..],
        row.GetString("Status") ?? SeriesOutcome.Failed,
        row.GetString("Error"),
        row.GetString("ModelVersion"),
        Split(row.GetString("PositiveLabels")),
        Read<Dictionary<string, LabelFinding>>(row, "Labels") ?? [],
        Read<Dictionary<string, double>>(row, "Timings") ?? [],
        Read<Dictionary<string, string>>(row, "Outputs") ?? [],
        Read<List<string>>(row, "Warnings") ?? []);

    private static T? Read<T>(TableEntity row, string name) where T : class =>
        row.GetString(name) is { Length: > 0 } json ? JsonSerializer.Deserialize<T>(json, Json) : null;

    private static IReadOnlyList<string> Split(string? joined) => string.IsNullOrEmpty(joined) ? [] : joined.Split(',');
}

/// <summary>A study's status and findings as stored.</summary>
public sealed record StudyRecord(
    string StudyInstanceUid,
    string Status,
    string? Error,
    bool Positive,
    IReadOnlyList<string> PositiveLabels,
    string? ModelVersion,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<SeriesRecord> Series);

/// <summary>A series' result as stored: status, subject-level findings, timings and output blob names.</summary>
/// <param name="SeriesInstanceUid">The series.</param>
/// <param name="Status"><c>ok</c> or <c>failed</c>.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="ModelVersion">The model.</param>
/// <param name="PositiveLabels">Labels at or above 0.5.</param>
/// <param name="Labels">Per label: probability (null when not run) and verdict.</param>
/// <param name="TimingsMs">Milliseconds per step.</param>
/// <param name="Outputs">Output kind → blob name in the results container.</param>
/// <param name="Warnings">Warnings of the analysis.</param>
public sealed record SeriesRecord(
    string SeriesInstanceUid,
    string Status,
    string? Error,
    string? ModelVersion,
    IReadOnlyList<string> PositiveLabels,
    IReadOnlyDictionary<string, LabelFinding> Labels,
    IReadOnlyDictionary<string, double> TimingsMs,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<string> Warnings);
