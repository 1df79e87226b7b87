namespace Ich.Dicom.Tests.Data;

public sealed class DicomDatasetTests
{
    [Fact]
    public void Set_ElementsAddedOutOfOrder_EnumeratesInTagOrder()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.Modality, DicomVR.CS, "CT");
        dataset.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        dataset.SetNumbers(DicomTags.Rows, DicomVR.US, 512);

        Assert.Equal([DicomTags.SpecificCharacterSet, DicomTags.Modality, DicomTags.Rows], dataset.Select(e => e.Tag));
    }

    [Fact]
    public void Set_SameTagTwice_ReplacesTheValue()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.Modality, DicomVR.CS, "CT");
        dataset.Set(DicomTags.Modality, DicomVR.CS, "MR");

        Assert.Equal("MR", dataset.GetString(DicomTags.Modality));
        Assert.Equal(1, dataset.Count);
    }

    [Fact]
    public void Set_OddLengthText_IsPaddedWithSpaceAndReadBackTrimmed()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.Modality, DicomVR.CS, "OT ");
        dataset.Set(DicomTags.SeriesDescription, DicomVR.LO, "Head");
        dataset.Set(DicomTags.ImageType, DicomVR.CS, "AXIAL");

        Assert.Equal((byte)' ', dataset.GetElement(DicomTags.ImageType)!.RawValue.Span[^1]);
        Assert.Equal(6, dataset.GetElement(DicomTags.ImageType)!.RawValue.Length);
        Assert.Equal("AXIAL", dataset.GetString(DicomTags.ImageType));
    }

    [Fact]
    public void Set_OddLengthUid_IsPaddedWithNul()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SOPClassUID, DicomVR.UI, "1.2.3");

        Assert.Equal(0, dataset.GetElement(DicomTags.SOPClassUID)!.RawValue.Span[^1]);
        Assert.Equal("1.2.3", dataset.GetString(DicomTags.SOPClassUID));
    }

    [Fact]
    public void SetNumbers_DecimalStrings_AreAtMost16CharactersAndParseBack()
    {
        var dataset = new DicomDataset();
        dataset.SetNumbers(DicomTags.ImagePositionPatient, DicomVR.DS, -125.123456789012345, 1e-20, 12345678901234567);

        var texts = dataset.GetStrings(DicomTags.ImagePositionPatient);
        var values = dataset.GetDoubles(DicomTags.ImagePositionPatient);

        Assert.All(texts, t => Assert.True(t.Length <= 16, t));
        Assert.Equal(-125.123456789012345, values[0], 1e-10);
        Assert.Equal(1e-20, values[1], 1e-30);
        Assert.Equal(12345678901234567, values[2], 1e-9 * 12345678901234567); // 16 characters hold ~11 significant digits here
    }

    [Theory]
    [InlineData("US", 65535.0)]
    [InlineData("SS", -32768.0)]
    [InlineData("UL", 4294967295.0)]
    [InlineData("SL", -2147483648.0)]
    [InlineData("FL", 0.5)]
    [InlineData("FD", -1e300)]
    [InlineData("IS", -2000.0)]
    public void SetNumbers_BinaryOrTextVR_ReadsBackTheSameNumber(string vr, double value)
    {
        var dataset = new DicomDataset();
        dataset.SetNumbers(DicomTags.PixelPaddingValue, DicomVR.Parse(vr), value);

        Assert.Equal(value, dataset.GetDouble(DicomTags.PixelPaddingValue));
    }

    [Fact]
    public void SetNumbers_ValueOutsideVR_ThrowsArgumentException()
    {
        var dataset = new DicomDataset();

        Assert.Throws<ArgumentException>(() => dataset.SetNumbers(DicomTags.Rows, DicomVR.US, 70000));
        Assert.Throws<ArgumentException>(() => dataset.SetNumbers(DicomTags.InstanceNumber, DicomVR.IS, 1.5));
    }

    [Fact]
    public void GetDouble_NonNumericDecimalString_ThrowsDicomValueExceptionNamingTheTag()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SliceThickness, DicomVR.DS, "thick");

        var exception = Assert.Throws<DicomValueException>(() => dataset.GetDouble(DicomTags.SliceThickness));

        Assert.Equal(DicomTags.SliceThickness, exception.Tag);
        Assert.DoesNotContain("thick", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Getters_AbsentElement_ReturnNullOrEmpty()
    {
        var dataset = new DicomDataset();

        Assert.Null(dataset.GetString(DicomTags.Modality));
        Assert.Null(dataset.GetDouble(DicomTags.SliceThickness));
        Assert.Null(dataset.GetInt32(DicomTags.Rows));
        Assert.Empty(dataset.GetStrings(DicomTags.ImageType));
        Assert.Empty(dataset.GetDoubles(DicomTags.PixelSpacing));
        Assert.Empty(dataset.GetSequence(DicomTags.ContentSequence));
    }

    [Fact]
    public void GetInt32_DecimalStringWithFraction_ThrowsDicomValueException()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.InstanceNumber, DicomVR.DS, "1.5");

        Assert.Throws<DicomValueException>(() => dataset.GetInt32(DicomTags.InstanceNumber));
    }

    [Fact]
    public void GetDoubles_UnknownVrElementOfKnownTag_UsesTheDictionaryVR()
    {
        var dataset = new DicomDataset();
        dataset.SetBytes(DicomTags.Rows, DicomVR.UN, new byte[] { 0x00, 0x02 });

        Assert.Equal(512, dataset.GetInt32(DicomTags.Rows));
    }

    [Fact]
    public void Set_Utf8CharacterSet_EncodesNamesAsUtf8()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        dataset.Set(DicomTags.PatientName, DicomVR.PN, "Wang^小東");

        Assert.Equal("Wang^小東", dataset.GetString(DicomTags.PatientName));
        Assert.Equal(12, dataset.GetElement(DicomTags.PatientName)!.RawValue.Length);
    }

    [Fact]
    public void Clone_ChangingTheCopy_LeavesTheOriginal()
    {
        var item = new DicomDataset();
        item.Set(DicomTags.CodeValue, DicomVR.SH, "A");
        var dataset = new DicomDataset();
        dataset.SetSequence(DicomTags.ConceptNameCodeSequence, [item]);

        var copy = dataset.Clone();
        copy.GetSequence(DicomTags.ConceptNameCodeSequence)[0].Set(DicomTags.CodeValue, DicomVR.SH, "B");

        Assert.Equal("A", dataset.GetSequence(DicomTags.ConceptNameCodeSequence)[0].GetString(DicomTags.CodeValue));
    }

    [Fact]
    public void Remove_PresentAndAbsentTags_ReportsWhetherRemoved()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.Modality, DicomVR.CS, "CT");

        Assert.True(dataset.Remove(DicomTags.Modality));
        Assert.False(dataset.Remove(DicomTags.Modality));
    }
}
