namespace Ich.Dicom.Tests.Data;

public sealed class DictionaryAndSyntaxTests
{
    [Fact]
    public void DicomTag_ToStringAndParse_RoundTrip()
    {
        Assert.Equal("(0028,0010)", DicomTags.Rows.ToString());
        Assert.Equal(DicomTags.PixelData, DicomTag.Parse("(7FE0,0010)"));
        Assert.True(new DicomTag(0x0009, 0x1001).IsPrivate);
        Assert.False(DicomTags.Rows.IsPrivate);
    }

    [Fact]
    public void DicomTag_Parse_Garbage_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => DicomTag.Parse("(00ZZ,0010)"));
    }

    [Theory]
    [InlineData(0x0028, 0x0010, "US", "Rows")]
    [InlineData(0x0020, 0x0032, "DS", "ImagePositionPatient")]
    [InlineData(0x0040, 0xA730, "SQ", "ContentSequence")]
    [InlineData(0x6002, 0x3000, "OB", "OverlayData")]
    [InlineData(0x0018, 0x0000, "UL", "GroupLength")]
    [InlineData(0x0009, 0x0010, "LO", "PrivateCreator")]
    public void Dictionary_KnownAndPatternTags_HaveVRAndKeyword(int group, int element, string vr, string keyword)
    {
        Assert.True(DicomDictionary.TryGet(new DicomTag((ushort)group, (ushort)element), out var entry));
        Assert.Equal(vr, entry.VR.Code);
        Assert.Equal(keyword, entry.Keyword);
    }

    [Fact]
    public void Dictionary_EveryWellKnownTagField_IsInTheDictionaryUnderItsOwnName()
    {
        // Item tags have no VR and are not dictionary entries; the reader handles them structurally.
        var fields = typeof(DicomTags).GetFields().Where(f => f.FieldType == typeof(DicomTag) && ((DicomTag)f.GetValue(null)!).Group != 0xFFFE);

        Assert.All(fields, f =>
        {
            Assert.True(DicomDictionary.TryGetTag(f.Name, out var tag), f.Name);
            Assert.Equal(tag, (DicomTag)f.GetValue(null)!);
        });
    }

    [Fact]
    public void Dictionary_UnknownPrivateTag_IsUN()
    {
        Assert.Equal(DicomVR.UN, DicomDictionary.GetVR(new DicomTag(0x0019, 0x1010)));
    }

    [Fact]
    public void TransferSyntax_FromKnownUid_GivesTheSharedInstance()
    {
        Assert.Same(TransferSyntax.JPEGLosslessSV1, TransferSyntax.FromUid("1.2.840.10008.1.2.4.70\0"));
        Assert.True(TransferSyntax.ExplicitVRBigEndian.IsBigEndian);
        Assert.False(TransferSyntax.ImplicitVRLittleEndian.IsExplicitVR);
        Assert.True(TransferSyntax.DeflatedExplicitVRLittleEndian.IsDeflated);
    }

    [Fact]
    public void TransferSyntax_FromUnknownUid_IsEncapsulatedExplicitLittleEndianNamedUnknown()
    {
        var syntax = TransferSyntax.FromUid("1.2.3.4.5");

        Assert.Equal("unknown", syntax.Name);
        Assert.True(syntax.IsEncapsulated);
        Assert.True(syntax.IsExplicitVR);
        Assert.False(syntax.IsBigEndian);
    }

    [Fact]
    public void DicomVR_UnknownCode_HasLongLengthAsPs35Says()
    {
        var vr = DicomVR.Parse("ZZ");

        Assert.False(vr.IsKnown);
        Assert.True(vr.HasLongLength);
        Assert.False(DicomVR.US.HasLongLength);
        Assert.True(DicomVR.UT.HasLongLength);
    }
}
