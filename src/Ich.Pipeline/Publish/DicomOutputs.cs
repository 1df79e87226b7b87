using System.Globalization;
using Ich.Dicom;
using Ich.Dicom.Objects;
using Ich.Pipeline.Explain;
using Ich.Pipeline.SelectSeries;

namespace Ich.Pipeline.Publish;

/// <summary>The DICOM outputs: a Secondary Capture series of the overlays and an SR of the findings, both in the source study.</summary>
internal static class DicomOutputs
{
    private static readonly EquipmentIdentity Product = new("IchFunctions") { ModelName = "ich analyze", SoftwareVersions = ["IchFunctions 1.0"] };

    /// <summary>Writes the objects; throws <see cref="ArgumentException"/> when the source's identifiers cannot go into DICOM.</summary>
    public static IReadOnlyList<(string Kind, string Path)> Write(PublishRequest request)
    {
        var s = request.Selection;
        UidGenerator.Validate(s.StudyInstanceUid, "Study Instance UID");
        UidGenerator.Validate(s.SeriesInstanceUid, "Series Instance UID");
        foreach (var i in s.Instances) UidGenerator.Validate(i.SopInstanceUid, "SOP Instance UID");
        var folder = Path.Combine(request.Folder, "dicom");
        Directory.CreateDirectory(folder);
        var now = DateTime.Now;
        var patient = new PatientIdentity(s.Source.PatientName, s.Source.PatientId)
        {
            BirthDate = DateOnly.TryParseExact(s.Source.PatientBirthDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) ? born : null,
            Sex = s.Source.PatientSex is "M" or "F" or "O" ? s.Source.PatientSex : string.Empty,
        };
        var study = new StudyIdentity(s.StudyInstanceUid, StudyDateTime(s.Source.StudyDateTime))
        {
            StudyId = Truncate(s.Source.StudyId, 16),
            AccessionNumber = Truncate(s.Source.AccessionNumber, 16),
        };
        var sopClass = string.IsNullOrEmpty(s.Source.SopClassUid) ? SopClassUids.CtImageStorage : s.Source.SopClassUid;
        ImageReference Reference(string sop) => new(s.SeriesInstanceUid!, sopClass, sop);
        var name = $"ich-analyze/{s.StudyInstanceUid}/{s.SeriesInstanceUid}/{request.Findings.Model}";
        var written = new List<(string, string)>();

        var captures = PublishOperator.OnePerSlice(request.Explanation);
        if (captures.Count > 0)
        {
            var series = new SeriesIdentity(UidGenerator.FromName(name + "/sc"), 9901) { Description = "ICH Grad-CAM overlays (decision support, not a diagnosis)", SeriesDateTime = now };
            for (var i = 0; i < captures.Count; i++)
            {
                var capture = captures[i];
                var (rgb, width, height) = OverlayRenderer.DecodeToRgb(capture.Path);
                var attributes = new SecondaryCaptureAttributes
                {
                    Patient = patient,
                    Study = study,
                    Series = series,
                    SopInstanceUid = UidGenerator.FromName($"{name}/sc/{i + 1}"),
                    InstanceNumber = i + 1,
                    ContentDateTime = now,
                    BurnedInAnnotation = false,
                    SourceImages = [Reference(capture.SopInstanceUid)],
                    DerivationDescription = capture.Label is null
                        ? "Brain window W80/L40 of a slice predicted positive; decision support, not a diagnosis"
                        : $"Grad-CAM heatmap ({capture.Label}) over brain window W80/L40; decision support, not a diagnosis",
                    BodyPartExamined = "HEAD",
                    Equipment = Product,
                };
                var path = Path.Combine(folder, $"overlay-sc-{i + 1:000}.dcm");
                DicomWriter.Write(DicomFile.Create(SecondaryCaptureBuilder.Build(attributes, CapturedImage.Rgb(height, width, rgb)), TransferSyntax.ExplicitVRLittleEndian), path);
                written.Add(("secondaryCapture", path));
            }
        }

        var findings = request.Findings;
        var content = new List<SrContentItem>
        {
            SrContainer.Section(SrCodes.Findings,
                string.Join("\n", findings.Labels.Select(l => $"{l.Key}: {(l.Value.Probability is { } p ? p.ToString("0.000", CultureInfo.InvariantCulture) + (l.Value.Positive ? " (positive)" : " (negative)") : "not run (two-type stage negative)")}")),
                captures.Select(c => Reference(c.SopInstanceUid)).Distinct(), SrCodes.Finding),
            SrContainer.Section(SrCodes.Impressions, PublishOperator.Summary(findings), textConcept: SrCodes.Impression),
            new SrText(SrCodes.AlgorithmName, findings.Model),
            new SrText(SrCodes.Comment, findings.Notice),
        };
        var report = new TextReportAttributes
        {
            Patient = patient,
            Study = study,
            Series = new SeriesIdentity(UidGenerator.FromName(name + "/sr"), 9902) { Description = "ICH findings (decision support, not a diagnosis)", SeriesDateTime = now },
            SopInstanceUid = UidGenerator.FromName(name + "/sr/1"),
            InstanceNumber = 1,
            ContentDateTime = now,
            Content = content,
            Evidence = s.Instances.Select(i => Reference(i.SopInstanceUid)).ToArray(),
            Equipment = Product,
        };
        var sr = Path.Combine(request.Folder, PublishOperator.SrFile);
        DicomWriter.Write(DicomFile.Create(BasicTextReportBuilder.Build(report), TransferSyntax.ExplicitVRLittleEndian), sr);
        written.Add(("structuredReport", sr));
        return written;
    }

    private static DateTime? StudyDateTime(string value)
    {
        var parts = value.Split(' ');
        if (!DateTime.TryParseExact(parts[0], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return null;
        if (parts.Length > 1 && parts[1].Length >= 6 &&
            TimeSpan.TryParseExact(parts[1][..6], "hhmmss", CultureInfo.InvariantCulture, out var time)) date += time;
        return date;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
