using System.Text.Json.Serialization;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;

namespace Ich.Pipeline.Ingest;

/// <summary>What to ingest: folders, files or .zip archives, as uploaded.</summary>
/// <param name="Paths">The upload's paths.</param>
public sealed record IngestRequest(IReadOnlyList<string> Paths);

/// <summary>A series found in the upload.</summary>
/// <param name="SeriesInstanceUid">Series Instance UID.</param>
/// <param name="Label">Number, description and UID, for reports.</param>
/// <param name="Modality">Modality.</param>
/// <param name="InstanceCount">Instances found.</param>
public sealed record SeriesReference(string SeriesInstanceUid, string Label, string Modality, int InstanceCount);

/// <summary>A study found in the upload, with its series.</summary>
/// <param name="StudyInstanceUid">Study Instance UID.</param>
/// <param name="Series">Its series.</param>
public sealed record StudyReference(string StudyInstanceUid, IReadOnlyList<SeriesReference> Series);

/// <summary>A file or entry left out, and why.</summary>
/// <param name="Source">Path or <c>archive.zip!entry</c>.</param>
/// <param name="Reason">A sentence a person understands.</param>
public sealed record SkippedFile(string Source, string Reason);

/// <summary>What Ingest found: references to studies and series, and every file left out.</summary>
/// <param name="Request">The request ingested (so later stages can find the upload again).</param>
/// <param name="Studies">Studies and series.</param>
/// <param name="Skipped">Files left out, with reasons.</param>
public sealed record IngestOutput(IngestRequest Request, IReadOnlyList<StudyReference> Studies, IReadOnlyList<SkippedFile> Skipped)
{
    /// <summary>The scan behind the references, kept in process so selection need not read the headers again; not serialised.</summary>
    [JsonIgnore]
    public ScanResult? Scan { get; init; }
}

/// <summary>Ingest: collects an upload (folder tree, files, .zip within the limits) and reads every header once.</summary>
public static class IngestOperator
{
    /// <summary>Ingests <paramref name="request"/>.</summary>
    /// <param name="request">The upload's paths.</param>
    /// <param name="options">Ingest limits; defaults when null.</param>
    /// <exception cref="IngestException">A path does not exist, or a limit was exceeded.</exception>
    public static IngestOutput Run(IngestRequest request, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Paths.Count == 0) throw new ArgumentException("Nothing to ingest: no path given.", nameof(request));
        var scan = SeriesScanner.Scan(InputCollector.Collect(request.Paths, options));
        var studies = scan.Studies
            .Select(study => new StudyReference(study.StudyInstanceUid, study.Series
                .Select(s => new SeriesReference(s.Series.SeriesInstanceUid, s.Series.Label, s.Series.Modality, s.Series.InstanceCount))
                .ToArray()))
            .ToArray();
        var skipped = scan.Skipped.Select(s => new SkippedFile(s.SourceName, s.Detail)).ToArray();
        return new IngestOutput(request, studies, skipped) { Scan = scan };
    }
}
