using Ich.Dicom.Objects;

namespace Ich.Dicom.Tests.Objects;

public sealed class CtImageBuilderTests
{
    private const int Rows = 8;
    private const int Columns = 6;

    private static CtImageAttributes Attributes(int instance = 7) => new()
    {
        Patient = ObjectSamples.Patient,
        Study = ObjectSamples.Study,
        Series = ObjectSamples.CtSeries,
        SopInstanceUid = ObjectSamples.CtSlice(instance).SopInstanceUid,
        InstanceNumber = instance,
        FrameOfReferenceUid = UidGenerator.FromName("tests/frame"),
        Plane = ImagePlane.Axial(new PatientVector(-125.5, -110.25, 37.5), 0.48828125, 5),
        RescaleIntercept = -1024,
        Windows = [VoiWindow.Brain, new VoiWindow(600, 2800, "BONE")],
        ConvolutionKernel = "H30s",
        Kvp = 120,
        AcquisitionNumber = 1,
        BodyPartExamined = "HEAD",
        SliceLocation = 37.5,
        Equipment = new EquipmentIdentity("Phantom Works") { ModelName = "Synthetic CT" },
    };

    private static short[] SignedPixels() => Enumerable.Range(0, Rows * Columns).Select(i => (short)((i * 97 % 3000) - 1000)).ToArray();

    [Fact]
    public void GivenSignedPixels_WhenWrittenAndReadBack_ThenIdentityGeometryAndPixelsRoundTrip()
    {
        var pixels = SignedPixels();
        var dataset = CtImageBuilder.Build(Attributes(), Rows, Columns, pixels);

        var read = DicomReader.Read(DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian))).Dataset;

        Assert.Equal(SopClassUids.CtImageStorage, read.GetString(DicomTags.SOPClassUID));
        Assert.Equal(ObjectSamples.CtSlice(7).SopInstanceUid, read.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal(ObjectSamples.Study.StudyInstanceUid, read.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(ObjectSamples.CtSeries.SeriesInstanceUid, read.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("Phantom^Head", read.GetString(DicomTags.PatientName));
        Assert.Equal("19600102", read.GetString(DicomTags.PatientBirthDate));
        Assert.Equal("20260314", read.GetString(DicomTags.StudyDate));
        Assert.Equal("092653", read.GetString(DicomTags.StudyTime));
        Assert.Equal("CT", read.GetString(DicomTags.Modality));
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], read.GetStrings(DicomTags.ImageType));
        Assert.Equal([-125.5, -110.25, 37.5], read.GetDoubles(DicomTags.ImagePositionPatient));
        Assert.Equal([1, 0, 0, 0, 1, 0], read.GetDoubles(DicomTags.ImageOrientationPatient));
        Assert.Equal([0.48828125, 0.48828125], read.GetDoubles(DicomTags.PixelSpacing));
        Assert.Equal(5, read.GetDouble(DicomTags.SliceThickness));
        Assert.Equal(-1024, read.GetDouble(DicomTags.RescaleIntercept));
        Assert.Equal(1, read.GetDouble(DicomTags.RescaleSlope));
        Assert.Equal([40, 600], read.GetDoubles(DicomTags.WindowCenter));
        Assert.Equal([80, 2800], read.GetDoubles(DicomTags.WindowWidth));
        Assert.Equal("H30s", read.GetString(DicomTags.ConvolutionKernel));
        Assert.Equal(1, read.GetInt32(DicomTags.PixelRepresentation));
        Assert.Equal(Rows, read.GetInt32(DicomTags.Rows));
        Assert.Equal(Columns, read.GetInt32(DicomTags.Columns));
        var stored = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(read.GetElement(DicomTags.PixelData)!.RawValue.Span).ToArray();
        Assert.Equal(pixels, stored);
    }

    [Fact]
    public void GivenUnsignedTwelveBitPixels_WhenBuilt_ThenPixelRepresentationIsZeroAndHighBitEleven()
    {
        var pixels = Enumerable.Range(0, Rows * Columns).Select(i => (ushort)(i * 85)).ToArray();

        var dataset = CtImageBuilder.Build(Attributes() with { BitsStored = 12 }, Rows, Columns, pixels);

        Assert.Equal(0, dataset.GetInt32(DicomTags.PixelRepresentation));
        Assert.Equal(12, dataset.GetInt32(DicomTags.BitsStored));
        Assert.Equal(11, dataset.GetInt32(DicomTags.HighBit));
    }

    [Fact]
    public void GivenTheWrittenFile_WhenDcmdumpReadsIt_ThenItReportsNoWarningOrError()
    {
        using var file = ReferenceTools.WriteTemporaryFile(CtImageBuilder.Build(Attributes(), Rows, Columns, SignedPixels()), "ct");

        var dump = ReferenceTools.AssertDcmdumpClean(file.Path);

        Assert.Contains("CTImageStorage", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheWrittenFile_WhenDciodvfyChecksTheCtImageIod_ThenItReportsNoError()
    {
        using var file = ReferenceTools.WriteTemporaryFile(CtImageBuilder.Build(Attributes(), Rows, Columns, SignedPixels()), "ct");

        ReferenceTools.AssertDciodvfyClean(file.Path, "CTImage");
    }

    [Fact]
    public void GivenTheFileWithoutItsFrameOfReferenceUid_WhenDciodvfyChecksIt_ThenItReportsTheMissingType1Attribute()
    {
        // Proves the dciodvfy check above can fail: the same object minus one Type 1 attribute.
        var dataset = CtImageBuilder.Build(Attributes(), Rows, Columns, SignedPixels());
        dataset.Remove(DicomTags.FrameOfReferenceUID);
        using var file = ReferenceTools.WriteTemporaryFile(dataset, "ct-broken");

        var (_, errors, _) = ReferenceTools.Dciodvfy(file.Path);

        Assert.Contains(errors, line => line.Contains("FrameOfReferenceUID", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenTooFewPixels_WhenBuilt_ThenArgumentExceptionNamesTheExpectedCount()
    {
        var error = Assert.Throws<ArgumentException>(() => CtImageBuilder.Build(Attributes(), Rows, Columns, new short[Rows * Columns - 1]));

        Assert.Contains("needs 48", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAPixelAboveTwelveBits_WhenBuiltWithTwelveBitsStored_ThenArgumentException()
    {
        var pixels = new short[Rows * Columns];
        pixels[5] = 2048;

        var error = Assert.Throws<ArgumentException>(() => CtImageBuilder.Build(Attributes() with { BitsStored = 12 }, Rows, Columns, pixels));

        Assert.Contains("12 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNonOrthogonalDirections_WhenBuilt_ThenArgumentException()
    {
        var tilted = new ImagePlane(new PatientVector(0, 0, 0), new PatientVector(1, 0, 0), new PatientVector(0.6, 0.8, 0), 0.5, 0.5, 5);

        var error = Assert.Throws<ArgumentException>(() => CtImageBuilder.Build(Attributes() with { Plane = tilted }, Rows, Columns, SignedPixels()));

        Assert.Contains("orthogonal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnInvalidSopInstanceUid_WhenBuilt_ThenArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CtImageBuilder.Build(Attributes() with { SopInstanceUid = "1.2.03" }, Rows, Columns, SignedPixels()));
    }

    [Fact]
    public void GivenAPatientNameTooLong_WhenBuilt_ThenTheMessageNamesTheAttributeButNotTheValue()
    {
        var name = new string('X', 65);
        var attributes = Attributes() with { Patient = ObjectSamples.Patient with { Name = name } };

        var error = Assert.Throws<ArgumentException>(() => CtImageBuilder.Build(attributes, Rows, Columns, SignedPixels()));

        Assert.Contains("Patient's Name", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAsciiText_WhenBuilt_ThenNoSpecificCharacterSetIsDeclared()
    {
        var dataset = CtImageBuilder.Build(Attributes(), Rows, Columns, SignedPixels());

        Assert.False(dataset.Contains(DicomTags.SpecificCharacterSet));
    }

    [Fact]
    public void GivenANonAsciiPatientName_WhenWrittenAndReadBack_ThenUtf8IsDeclaredAndTheNameRoundTrips()
    {
        var attributes = Attributes() with { Patient = ObjectSamples.Patient with { Name = "Müller^Zoë" } };
        var dataset = CtImageBuilder.Build(attributes, Rows, Columns, SignedPixels());

        var read = DicomReader.Read(DicomWriter.WriteToBytes(DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian))).Dataset;

        Assert.Equal("ISO_IR 192", read.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal("Müller^Zoë", read.GetString(DicomTags.PatientName));
    }
}
