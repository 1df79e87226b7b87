namespace Ich.Dicom.Tests.Reading;

/// <summary>Patient names in the charset samples of PS3.5 (pydicom's charset files) decode to the right characters.</summary>
public sealed class CharacterSetTests
{
    [Theory]
    [InlineData("chrFren.dcm", "Buc^Jérôme")]
    [InlineData("chrGerm.dcm", "Äneas^Rüdiger")]
    [InlineData("chrGreek.dcm", "Διονυσιος")]
    [InlineData("chrRuss.dcm", "Люкceмбypг")]
    [InlineData("chrArab.dcm", "قباني^لنزار")]
    [InlineData("chrHbrw.dcm", "שרון^דבורה")]
    [InlineData("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう")]
    [InlineData("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")]
    [InlineData("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동")]
    [InlineData("chrX1.dcm", "Wang^XiaoDong=王^小東=")]
    [InlineData("chrX2.dcm", "Wang^XiaoDong=王^小东=")]
    public void GivenSpecificCharacterSet_WhenPatientNameRead_ThenDecodedAsPydicomDoes(string file, string expected)
    {
        var dataset = DicomReader.Read(Fixtures.Path("parser-charsets/" + file)).Dataset;

        Assert.Equal(expected, dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void GivenItemWithoutOwnCharacterSet_WhenRead_ThenItInheritsTheDatasets()
    {
        var dataset = DicomReader.Read(Fixtures.Path("parser-charsets/chrSQEncoding1.dcm")).Dataset;

        var item = dataset.First(e => e.IsSequence).Items![0];

        Assert.Same(dataset.CharacterSet, item.CharacterSet);
        Assert.Contains("ISO 2022 IR 87", item.CharacterSet.Terms);
    }

    [Fact]
    public void GivenMultiValuedLatin1Element_WhenRead_ThenValuesSplitOnBackslash()
    {
        var dataset = DicomReader.Read(Fixtures.Path("parser-charsets/chrFrenMulti.dcm")).Dataset;

        var otherIds = dataset.GetStrings(new DicomTag(0x0010, 0x1000));

        Assert.Equal(["eggs", "spam"], otherIds);
        Assert.Equal("Buc^Jérôme", dataset.GetString(DicomTags.PatientName));
    }
}
