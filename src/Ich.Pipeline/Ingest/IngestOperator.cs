using System.Text.Json.Serialization;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Inputs.Sources;
using Ich.Dicom.Series.Scanning;

namespace Ich.Pipeline.Ingest;

/// <summary>What to ingest: folders, files or .zip archives by path, and streams a host provides (blobs).</summary>
/// <param name="Paths">The upload's paths.</param>
public sealed record IngestRequest(IReadOnlyList<string> Paths)
{
    private readonly IReadOnlyList<StreamSource> _streams = [];

    /// <summary>Sources a host provides as streams (a DICOM file or a zip each); live objects, not serialised (<see cref="StreamNames"/> is).</summary>
    [JsonIgnore]
    public IReadOnlyList<StreamSource> Streams
    {
        get => _streams;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _streams = value;
            StreamNames = value.Select(s => s.Name).ToArray();
        }
    }

    /// <summary>The names of <see cref="Streams"/>: after a round trip, give the same streams again with <c>request with { Streams = … }</c>.</summary>
    public IReadOnlyList<string> StreamNames { get; init; } = [];

    /// <summary>Opens the upload (paths first, then streams); the caller disposes it.</summary>
    /// <param name="options">Ingest limits; <see cref="IngestOptions.Workstation"/> when null.</param>
    /// <exception cref="IngestException">A path does not exist, or two inputs share a name.</exception>
    /// <exception cref="InvalidOperationException">The request was deserialised and its streams were not given again.</exception>
    public Upload Open(IngestOptions? options = null)
    {
        if (!StreamNames.SequenceEqual(Streams.Select(s => s.Name), StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"The request names streams ({string.Join(", ", StreamNames)}) it does not hold: a deserialised request needs them again (request with {{ Streams = … }}).");
        }

        return Upload.Open([.. Paths.Select(InputSource.FromPath), .. Streams], options);
    }
}

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
    /// <summary>
    /// The scan behind the references, kept in process so selection need not read the headers again; not part of the
    /// payload (it holds every header: a few MB for a large upload). <see cref="ScanResult"/> serialises on its own.
    /// </summary>
    [JsonIgnore]
    public ScanResult? Scan { get; init; }
}

/// <summary>Ingest: collects an upload (folder tree, files, .zip within the limits) and reads every header once.</summary>
public static class IngestOperator
{
    /// <summary>Ingests <paramref name="request"/>, opening and closing its upload.</summary>
    /// <param name="request">The upload's paths (and streams).</param>
    /// <param name="options">Ingest limits; <see cref="IngestOptions.Workstation"/> when null (a Function passes <see cref="IngestOptions.FunctionsHost"/>).</param>
    /// <exception cref="IngestException">A path does not exist, or a limit was exceeded.</exception>
    public static IngestOutput Run(IngestRequest request, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Paths.Count == 0 && request.Streams.Count == 0) throw new ArgumentException("Nothing to ingest: no path given.", nameof(request));
        using var upload = request.Open(options);
        return Run(request, upload);
    }

    /// <summary>Ingests an upload the caller keeps open (so Select series and Normalize read from it without opening it again).</summary>
    /// <param name="request">What <paramref name="upload"/> was opened from (<see cref="IngestRequest.Open"/>), recorded in the output.</param>
    /// <param name="upload">The open upload.</param>
    /// <exception cref="IngestLimitException">A limit was exceeded.</exception>
    public static IngestOutput Run(IngestRequest request, Upload upload)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(upload);
        var scan = SeriesScanner.Scan(upload);
        var studies = scan.Studies
            .Select(study => new StudyReference(study.StudyInstanceUid, study.Series
                .Select(s => new SeriesReference(s.Series.SeriesInstanceUid, s.Series.Label, s.Series.Modality, s.Series.InstanceCount))
                .ToArray()))
            .ToArray();
        var skipped = scan.Skipped.Select(s => new SkippedFile(s.SourceName, s.Detail)).ToArray();
        return new IngestOutput(request, studies, skipped) { Scan = scan };
    }
}
