using Ich.Dicom;
using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;
using Ich.Pipeline.Ingest;

namespace Ich.Pipeline.SelectSeries;

/// <summary>
/// Select series: for every study of an upload, the series to analyse by the documented rules, why each other one
/// was not chosen, and the input guard (<see cref="InputGuard"/>) on its headers.
/// </summary>
public static class SelectSeriesOperator
{
    /// <summary>One selection per study of <paramref name="ingest"/>, in study UID order, opening its upload again.</summary>
    /// <param name="ingest">Ingest's output; its headers are read again when it was deserialised.</param>
    /// <exception cref="IngestException">The upload can no longer be opened.</exception>
    public static IReadOnlyList<SeriesSelection> Run(IngestOutput ingest)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        using var upload = ingest.Request.Open();
        return Run(ingest, upload);
    }

    /// <summary>One selection per study of <paramref name="ingest"/>, reading from the open <paramref name="upload"/> it came from.</summary>
    public static IReadOnlyList<SeriesSelection> Run(IngestOutput ingest, Upload upload)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(upload);
        var scan = ingest.Scan ?? SeriesScanner.Scan(upload);
        return scan.Studies.Select(study => Select(study, ingest.Request, upload)).ToArray();
    }

    private static SeriesSelection Select(StudyReport study, IngestRequest request, Upload upload)
    {
        var paths = request.Paths;
        var notChosen = study.Series.Where(s => !s.IsSelected).Select(s => $"{s.Series.Label}: {s.NotSelectedReason}").ToArray();
        if (study.Selected is not { } assembly)
        {
            return new SeriesSelection
            {
                StudyInstanceUid = study.StudyInstanceUid,
                NotChosen = notChosen,
                UploadPaths = paths,
                UploadStreams = request.StreamNames,
                Refusal = study.Series.Count == 0
                    ? "no image series in the study"
                    : "no series can be analysed: " + string.Join("; ", notChosen),
            };
        }

        var source = ReadSource(assembly, upload);
        var geometry = assembly.Geometry!;
        var warnings = assembly.Problems.Where(p => p.Severity != SeriesProblemSeverity.Fatal).Select(p => p.Message).ToList();
        if (geometry.TiltDegrees > SeriesAssembler.TiltToleranceDegrees && !assembly.Problems.Any(p => p.Kind == SeriesProblemKind.GantryTilt))
            warnings.Add($"gantry tilt of {geometry.TiltDegrees:0.#}°: analysed as acquired");
        return new SeriesSelection
        {
            StudyInstanceUid = study.StudyInstanceUid,
            SeriesInstanceUid = assembly.Series.SeriesInstanceUid,
            SeriesLabel = assembly.Series.Label,
            Instances = assembly.Slices
                .Select(s => new InstanceReference(s.Header.SopInstanceUid, s.Header.InstanceNumber, s.Header.Source, Math.Round(s.Position, 4)))
                .ToArray(),
            Geometry = new SelectionGeometry(geometry.Rows, geometry.Columns, geometry.PixelSpacing.Row, geometry.PixelSpacing.Column,
                Math.Round(geometry.SliceSpacing, 4), Math.Round(geometry.TiltDegrees, 3),
                [geometry.RowDirection.X, geometry.RowDirection.Y, geometry.RowDirection.Z],
                [geometry.ColumnDirection.X, geometry.ColumnDirection.Y, geometry.ColumnDirection.Z]),
            Problems = assembly.Problems.Select(p => p.ToString()).ToArray(),
            Warnings = warnings,
            NotChosen = notChosen,
            Refusal = InputGuard.CheckHeaders(source, assembly.Slices.Count),
            Source = source,
            UploadPaths = paths,
            UploadStreams = request.StreamNames,
            Assembly = assembly,
        };
    }

    /// <summary>Reads the first slice's header (no pixel data) for what the slice headers of the scan leave out.</summary>
    private static SourceStudy ReadSource(SeriesAssembly assembly, Upload upload)
    {
        using var stream = upload.OpenRead(assembly.Slices[0].Header.Source);
        var dataset = DicomReader.ReadHeader(stream).Dataset;
        string Text(ushort group, ushort element) => dataset.GetString(new DicomTag(group, element))?.Trim() ?? string.Empty;
        var date = Text(0x0008, 0x0020);
        var time = Text(0x0008, 0x0030);
        return new SourceStudy
        {
            PatientName = Text(0x0010, 0x0010),
            PatientId = Text(0x0010, 0x0020),
            PatientBirthDate = Text(0x0010, 0x0030),
            PatientSex = Text(0x0010, 0x0040),
            StudyDateTime = date.Length == 0 ? string.Empty : date + (time.Length == 0 ? string.Empty : " " + time),
            StudyId = Text(0x0020, 0x0010),
            AccessionNumber = Text(0x0008, 0x0050),
            SopClassUid = Text(0x0008, 0x0016),
            BodyPartExamined = Text(0x0018, 0x0015),
            ContrastBolusAgent = Text(0x0018, 0x0010),
        };
    }
}
