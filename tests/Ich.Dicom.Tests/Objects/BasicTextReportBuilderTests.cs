using Ich.Dicom.Objects;

namespace Ich.Dicom.Tests.Objects;

public sealed class BasicTextReportBuilderTests
{
    private static readonly CodedConcept Subdural = new("35486000", "SCT", "Subdural hemorrhage");

    private static TextReportAttributes Attributes(params SrContentItem[] content) => new()
    {
        Patient = ObjectSamples.Patient,
        Study = ObjectSamples.Study,
        Series = new SeriesIdentity(UidGenerator.FromName("tests/series/sr"), 902) { Description = "ICH findings (decision support)" },
        SopInstanceUid = UidGenerator.FromName("tests/series/sr/1"),
        InstanceNumber = 1,
        ContentDateTime = ObjectSamples.ScanTime.AddMinutes(5),
        Content = content.Length > 0 ? content : FindingsReport(),
        Evidence = Enumerable.Range(1, 3).Select(ObjectSamples.CtSlice).ToArray(),
        Equipment = ObjectSamples.Product,
    };

    /// <summary>The report the pipeline writes: findings with a positive slice, impression, model version, disclaimer.</summary>
    private static SrContentItem[] FindingsReport() =>
    [
        SrContainer.Section(SrCodes.Findings, "Intracranial hemorrhage suspected: p(any) = 0.93.\nSubdural p = 0.88; epidural p = 0.02.",
            [ObjectSamples.CtSlice(2)], SrCodes.Finding),
        new SrCode(SrCodes.Finding, SrCodes.IntracranialHemorrhage),
        new SrText(SrCodes.AlgorithmVersion, "ich-model 2026.03"),
        new SrText(SrCodes.Comment, "Decision support, not a diagnosis."),
    ];

    private static DicomDataset ReadBack(DicomDataset dataset) =>
        DicomReader.Read(DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian))).Dataset;

    private static string? Meaning(DicomDataset item) => item.GetSequence(DicomTags.ConceptNameCodeSequence).SingleOrDefault()?.GetString(DicomTags.CodeMeaning);

    [Fact]
    public void GivenAFindingsReport_WhenWrittenAndReadBack_ThenTheRootContainerAndFlagsRoundTrip()
    {
        var read = ReadBack(BasicTextReportBuilder.Build(Attributes()));

        Assert.Equal(SopClassUids.BasicTextSRStorage, read.GetString(DicomTags.SOPClassUID));
        Assert.Equal("SR", read.GetString(DicomTags.Modality));
        Assert.Equal("CONTAINER", read.GetString(DicomTags.ValueType));
        Assert.Equal("SEPARATE", read.GetString(DicomTags.ContinuityOfContent));
        var title = Assert.Single(read.GetSequence(DicomTags.ConceptNameCodeSequence));
        Assert.Equal("18748-4", title.GetString(DicomTags.CodeValue));
        Assert.Equal("LN", title.GetString(DicomTags.CodingSchemeDesignator));
        Assert.Equal("COMPLETE", read.GetString(DicomTags.CompletionFlag));
        Assert.Equal("UNVERIFIED", read.GetString(DicomTags.VerificationFlag));
        Assert.Equal("20260314", read.GetString(DicomTags.ContentDate));
        Assert.Equal("093153", read.GetString(DicomTags.ContentTime));
        Assert.Equal(ObjectSamples.Study.StudyInstanceUid, read.GetString(DicomTags.StudyInstanceUID));
    }

    [Fact]
    public void GivenAFindingsReport_WhenWrittenAndReadBack_ThenTheContentTreeRoundTrips()
    {
        var read = ReadBack(BasicTextReportBuilder.Build(Attributes()));

        var items = read.GetSequence(DicomTags.ContentSequence);
        Assert.Equal(["CONTAINER", "CODE", "TEXT", "TEXT"], items.Select(item => item.GetString(DicomTags.ValueType)));
        Assert.All(items, item => Assert.Equal("CONTAINS", item.GetString(DicomTags.RelationshipType)));
        Assert.Equal(["Findings", "Finding", "Algorithm Version", "Comment"], items.Select(Meaning));
        var findings = items[0].GetSequence(DicomTags.ContentSequence);
        Assert.Equal("Intracranial hemorrhage suspected: p(any) = 0.93.\nSubdural p = 0.88; epidural p = 0.02.", findings[0].GetString(DicomTags.TextValue));
        var image = Assert.Single(findings[1].GetSequence(DicomTags.ReferencedSOPSequence));
        Assert.Equal(ObjectSamples.CtSlice(2).SopInstanceUid, image.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal("1386000", items[1].GetSequence(DicomTags.ConceptCodeSequence)[0].GetString(DicomTags.CodeValue));
        Assert.Equal("Decision support, not a diagnosis.", items[3].GetString(DicomTags.TextValue));
    }

    [Fact]
    public void GivenEvidenceAndAnImageInTheContent_WhenBuilt_ThenTheEvidenceListsEachSliceOnceUnderItsSeries()
    {
        var read = ReadBack(BasicTextReportBuilder.Build(Attributes()));

        var study = Assert.Single(read.GetSequence(new DicomTag(0x0040, 0xA375)));
        Assert.Equal(ObjectSamples.Study.StudyInstanceUid, study.GetString(DicomTags.StudyInstanceUID));
        var series = Assert.Single(study.GetSequence(DicomTags.ReferencedSeriesSequence));
        Assert.Equal(ObjectSamples.CtSeries.SeriesInstanceUid, series.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal(
            Enumerable.Range(1, 3).Select(i => ObjectSamples.CtSlice(i).SopInstanceUid),
            series.GetSequence(DicomTags.ReferencedSOPSequence).Select(item => item.GetString(DicomTags.ReferencedSOPInstanceUID)));
    }

    [Fact]
    public void GivenTheReportFile_WhenDcmdumpReadsIt_ThenItReportsNoWarningOrError()
    {
        using var file = ReferenceTools.WriteTemporaryFile(BasicTextReportBuilder.Build(Attributes()), "sr");

        var dump = ReferenceTools.AssertDcmdumpClean(file.Path);

        Assert.Contains("BasicTextSRStorage", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheReportFile_WhenDciodvfyChecksTheBasicTextSrIod_ThenItReportsNoError()
    {
        using var file = ReferenceTools.WriteTemporaryFile(BasicTextReportBuilder.Build(Attributes()), "sr");

        ReferenceTools.AssertDciodvfyClean(file.Path, "BasicTextSR");
    }

    [Fact]
    public void GivenTheReportFile_WhenDsrdumpReadsIt_ThenDcmtkAcceptsTheContentTree()
    {
        using var file = ReferenceTools.WriteTemporaryFile(BasicTextReportBuilder.Build(Attributes()), "sr");

        var (exitCode, output) = ReferenceTools.Run("dsrdump", "dcmtk", "+Pl", file.Path);

        var complaints = output.Split('\n').Where(line => line.StartsWith("W:", StringComparison.Ordinal) || line.StartsWith("E:", StringComparison.Ordinal));
        Assert.True(exitCode == 0 && !complaints.Any(), output);
        Assert.Contains("Decision support, not a diagnosis.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenProbabilitiesAsNumItems_WhenBuilt_ThenTheReportIsEnhancedSrThatDciodvfyAccepts()
    {
        // Basic Text SR does not allow NUM (PS3.3 A.35.1.3.1); Enhanced SR does, with the same modules.
        var report = Attributes(
            new SrContainer(SrCodes.Findings,
            [
                new SrCode(SrCodes.Finding, Subdural),
                new SrNumber(SrCodes.Probability, 0.875, SrCodes.NoUnits),
            ]),
            new SrText(SrCodes.Comment, "Decision support, not a diagnosis."));
        var dataset = BasicTextReportBuilder.Build(report);
        using var file = ReferenceTools.WriteTemporaryFile(dataset, "sr-num");

        Assert.Equal(SopClassUids.EnhancedSRStorage, dataset.GetString(DicomTags.SOPClassUID));
        ReferenceTools.AssertDciodvfyClean(file.Path, "EnhancedSR");
        var number = ReadBack(dataset).GetSequence(DicomTags.ContentSequence)[0].GetSequence(DicomTags.ContentSequence)[1];
        Assert.Equal(0.875, number.GetSequence(DicomTags.MeasuredValueSequence)[0].GetDouble(DicomTags.NumericValue));
    }

    [Fact]
    public void GivenNonAsciiText_WhenWrittenAndReadBack_ThenUtf8IsDeclaredAndTheTextRoundTrips()
    {
        var read = ReadBack(BasicTextReportBuilder.Build(Attributes(new SrText(SrCodes.Comment, "Entscheidungshilfe, keine Diagnose – geprüft: nein."))));

        Assert.Equal("ISO_IR 192", read.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal("Entscheidungshilfe, keine Diagnose – geprüft: nein.", read.GetSequence(DicomTags.ContentSequence)[0].GetString(DicomTags.TextValue));
    }

    [Fact]
    public void GivenACompleteReportWithoutEvidence_WhenBuilt_ThenArgumentExceptionSaysEvidenceIsNeeded()
    {
        var report = Attributes(new SrText(SrCodes.Comment, "No images.")) with { Evidence = [] };

        var error = Assert.Throws<ArgumentException>(() => BasicTextReportBuilder.Build(report));

        Assert.Contains("Evidence", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAPartialReportWithoutEvidence_WhenBuilt_ThenCompletionFlagIsPartial()
    {
        var report = Attributes(new SrText(SrCodes.Comment, "Analysis incomplete.")) with { Evidence = [], IsComplete = false };

        var dataset = BasicTextReportBuilder.Build(report);

        Assert.Equal("PARTIAL", dataset.GetString(DicomTags.CompletionFlag));
    }

    [Fact]
    public void GivenAnEmptyTextItem_WhenBuilt_ThenArgumentExceptionNamesTheConcept()
    {
        var error = Assert.Throws<ArgumentException>(() => BasicTextReportBuilder.Build(Attributes(new SrText(SrCodes.Finding, ""))));

        Assert.Contains("121071", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenACodeValueLongerThanSixteenCharacters_WhenBuilt_ThenArgumentException()
    {
        var tooLong = new CodedConcept("12345678901234567", "SCT", "Too long");

        Assert.Throws<ArgumentException>(() => BasicTextReportBuilder.Build(Attributes(new SrCode(SrCodes.Finding, tooLong))));
    }
}
