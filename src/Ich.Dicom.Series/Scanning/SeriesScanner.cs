using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Headers;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Selection;

namespace Ich.Dicom.Series.Scanning;

/// <summary>
/// Series assembly and selection: reads every candidate's header (no pixel data), groups instances by Study and
/// Series Instance UID, judges each series with <see cref="SeriesSelectionRules"/>, and assembles the best-ranked
/// one with <see cref="SeriesAssembler"/> — falling back to the next-ranked series when one is unusable.
/// </summary>
public static class SeriesScanner
{
    /// <summary>
    /// Collects <paramref name="path"/> (folder, file or .zip) and scans it, headers only. To build a volume from the
    /// result, scan an <see cref="Upload"/> instead and keep it open: the slices are read from it.
    /// </summary>
    /// <exception cref="IngestException">The path does not exist, or a limit of <paramref name="options"/> was exceeded.</exception>
    public static ScanResult Scan(string path, IngestOptions? options = null)
    {
        using var upload = Upload.Open(path, options);
        return Scan(upload);
    }

    /// <summary>Collects <paramref name="upload"/> and scans it.</summary>
    /// <exception cref="IngestLimitException">A limit of the upload's options was exceeded.</exception>
    public static ScanResult Scan(Upload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return Scan(upload, upload.Collect());
    }

    /// <summary>Scans what the Ingest stage collected from <paramref name="upload"/>.</summary>
    /// <exception cref="IngestLimitException">An archive entry inflates past the compression-ratio limit.</exception>
    public static ScanResult Scan(Upload upload, IngestResult ingest)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(ingest);
        var skipped = new List<SkippedInput>(ingest.Skipped);
        var headers = new List<SliceHeader>(ingest.Items.Count);
        foreach (var item in ingest.Items)
        {
            var (header, skip) = SliceHeaderReader.Read(upload, item);
            if (header is not null) headers.Add(header);
            else skipped.Add(skip!);
        }

        var studies = headers
            .GroupBy(h => h.StudyInstanceUid, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ScanStudy(g.Key, g))
            .ToArray();
        return new ScanResult(studies, skipped, ingest.Items.Count + ingest.Skipped.Count);
    }

    private static StudyReport ScanStudy(string studyUid, IEnumerable<SliceHeader> headers)
    {
        var assessments = headers
            .GroupBy(h => h.SeriesInstanceUid, StringComparer.Ordinal)
            .Select(g => SeriesSelectionRules.Assess(new DicomSeries(g.ToArray())))
            .ToArray();
        var ranked = SeriesSelectionRules.Rank(assessments);

        var reports = new List<SeriesReport>();
        SeriesAssessment? chosen = null;
        foreach (var candidate in ranked)
        {
            if (chosen is not null)
            {
                reports.Add(new SeriesReport(candidate, false, SeriesSelectionRules.WhyRankedBelow(candidate, chosen), null));
                continue;
            }

            var assembly = SeriesAssembler.Assemble(candidate.Series);
            if (assembly.IsUsable)
            {
                chosen = candidate;
                reports.Insert(0, new SeriesReport(candidate, true, null, assembly));
            }
            else
            {
                reports.Add(new SeriesReport(candidate, false, $"eligible, but unusable: {assembly.UnusableReason}", assembly));
            }
        }

        reports.AddRange(assessments
            .Where(a => !a.IsEligible)
            .OrderBy(a => a.Series.SeriesNumber ?? int.MaxValue)
            .ThenBy(a => a.Series.SeriesInstanceUid, StringComparer.Ordinal)
            .Select(a => new SeriesReport(a, false, $"not eligible: {a.RejectionReason}", null)));
        return new StudyReport(studyUid, reports);
    }
}
