using Ich.Dicom.Objects;

namespace Ich.Dicom.Tests.Objects;

public sealed class SecondaryCaptureBuilderTests
{
    private const int Rows = 4;
    private const int Columns = 5;

    private static SecondaryCaptureAttributes Attributes(bool burnedIn = true) => new()
    {
        Patient = ObjectSamples.Patient,
        Study = ObjectSamples.Study,
        Series = new SeriesIdentity(UidGenerator.FromName("tests/series/heatmaps"), 901) { Description = "ICH heatmaps (decision support)" },
        SopInstanceUid = UidGenerator.FromName("tests/series/heatmaps/1"),
        InstanceNumber = 1,
        ContentDateTime = ObjectSamples.ScanTime.AddMinutes(4),
        BurnedInAnnotation = burnedIn,
        SourceImages = [ObjectSamples.CtSlice(12)],
        DerivationDescription = "Grad-CAM heatmap over brain window W80/L40",
        PatientOrientation = [new PatientVector(1, 0, 0).ToOrientationLetters(), new PatientVector(0, 1, 0).ToOrientationLetters()],
        BodyPartExamined = "HEAD",
        Equipment = ObjectSamples.Product,
    };

    private static byte[] RgbPixels() => Enumerable.Range(0, Rows * Columns * 3).Select(i => (byte)(i * 7)).ToArray();

    private static DicomDataset ReadBack(DicomDataset dataset) =>
        DicomReader.Read(DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian))).Dataset;

    [Fact]
    public void GivenAnRgbCapture_WhenWrittenAndReadBack_ThenPixelsAndImagePixelAttributesRoundTrip()
    {
        var pixels = RgbPixels();

        var read = ReadBack(SecondaryCaptureBuilder.Build(Attributes(), CapturedImage.Rgb(Rows, Columns, pixels)));

        Assert.Equal(SopClassUids.SecondaryCaptureImageStorage, read.GetString(DicomTags.SOPClassUID));
        Assert.Equal(3, read.GetInt32(DicomTags.SamplesPerPixel));
        Assert.Equal("RGB", read.GetString(DicomTags.PhotometricInterpretation));
        Assert.Equal(0, read.GetInt32(DicomTags.PlanarConfiguration));
        Assert.Equal(8, read.GetInt32(DicomTags.BitsAllocated));
        Assert.Equal(Rows, read.GetInt32(DicomTags.Rows));
        Assert.Equal(Columns, read.GetInt32(DicomTags.Columns));
        Assert.Equal(pixels, read.GetElement(DicomTags.PixelData)!.RawValue.ToArray());
    }

    [Fact]
    public void GivenAHeatmapOfACtSlice_WhenWrittenAndReadBack_ThenItReferencesTheSourceStudySeriesAndSlice()
    {
        var read = ReadBack(SecondaryCaptureBuilder.Build(Attributes(), CapturedImage.Rgb(Rows, Columns, RgbPixels())));

        Assert.Equal(ObjectSamples.Study.StudyInstanceUid, read.GetString(DicomTags.StudyInstanceUID));
        var source = Assert.Single(read.GetSequence(new DicomTag(0x0008, 0x2112)));
        Assert.Equal(ObjectSamples.CtSlice(12).SopInstanceUid, source.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal(SopClassUids.CtImageStorage, source.GetString(DicomTags.ReferencedSOPClassUID));
        var series = Assert.Single(read.GetSequence(DicomTags.ReferencedSeriesSequence));
        Assert.Equal(ObjectSamples.CtSeries.SeriesInstanceUid, series.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("WSD", read.GetString(new DicomTag(0x0008, 0x0064)));
        Assert.Equal("YES", read.GetString(new DicomTag(0x0028, 0x0301)));
        Assert.Equal("Grad-CAM heatmap over brain window W80/L40", read.GetString(DicomTags.DerivationDescription));
        Assert.Equal("ICH heatmaps (decision support)", read.GetString(DicomTags.SeriesDescription));
        Assert.Equal(["L", "P"], read.GetStrings(new DicomTag(0x0020, 0x0020)));
    }

    [Fact]
    public void GivenNoBurntInText_WhenBuilt_ThenBurnedInAnnotationIsNo()
    {
        var dataset = SecondaryCaptureBuilder.Build(Attributes(burnedIn: false), CapturedImage.Rgb(Rows, Columns, RgbPixels()));

        Assert.Equal("NO", dataset.GetString(new DicomTag(0x0028, 0x0301)));
    }

    [Fact]
    public void GivenTheRgbFile_WhenDcmdumpReadsIt_ThenItReportsNoWarningOrError()
    {
        using var file = ReferenceTools.WriteTemporaryFile(SecondaryCaptureBuilder.Build(Attributes(), CapturedImage.Rgb(Rows, Columns, RgbPixels())), "sc-rgb");

        var dump = ReferenceTools.AssertDcmdumpClean(file.Path);

        Assert.Contains("SecondaryCaptureImageStorage", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheRgbFile_WhenDciodvfyChecksTheScImageIod_ThenItReportsNoError()
    {
        using var file = ReferenceTools.WriteTemporaryFile(SecondaryCaptureBuilder.Build(Attributes(), CapturedImage.Rgb(Rows, Columns, RgbPixels())), "sc-rgb");

        ReferenceTools.AssertDciodvfyClean(file.Path, "SCImage");
    }

    [Fact]
    public void GivenAMonochromeFile_WhenDciodvfyChecksTheScImageIod_ThenItReportsNoError()
    {
        var grey = Enumerable.Range(0, Rows * Columns).Select(i => (byte)(i * 13)).ToArray();
        using var file = ReferenceTools.WriteTemporaryFile(SecondaryCaptureBuilder.Build(Attributes(), CapturedImage.Monochrome(Rows, Columns, grey)), "sc-grey");

        ReferenceTools.AssertDciodvfyClean(file.Path, "SCImage");
    }

    [Fact]
    public void GivenRgbBytesForTheWrongSize_WhenCaptured_ThenArgumentExceptionNamesTheExpectedCount()
    {
        var error = Assert.Throws<ArgumentException>(() => CapturedImage.Rgb(Rows, Columns, new byte[Rows * Columns]));

        Assert.Contains("needs 60", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOnePatientOrientationValue_WhenBuilt_ThenArgumentException()
    {
        var attributes = Attributes() with { PatientOrientation = ["L"] };

        Assert.Throws<ArgumentException>(() => SecondaryCaptureBuilder.Build(attributes, CapturedImage.Rgb(Rows, Columns, RgbPixels())));
    }

    [Theory]
    [InlineData(1, 0, 0, "L")]
    [InlineData(-1, 0, 0, "R")]
    [InlineData(0, -1, 0, "A")]
    [InlineData(0, 0.8, -0.6, "PF")]
    [InlineData(0, 0.6, 0.8, "HP")]
    public void ToOrientationLetters_Direction_GivesLettersLargestFirst(double x, double y, double z, string expected)
    {
        Assert.Equal(expected, new PatientVector(x, y, z).ToOrientationLetters());
    }
}
