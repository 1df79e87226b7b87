namespace Ich.Dicom.Tests.Writing;

/// <summary>What the writer writes, the reader reads back identically: every real fixture, in every syntax it allows.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in Fixtures.Readable)
        {
            var file = DicomReader.Read(Fixtures.Path(fixture));
            if (file.TransferSyntax.IsEncapsulated)
            {
                data.Add(fixture, file.TransferSyntax.Uid);
                continue;
            }
            foreach (var syntax in new[] { TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.DeflatedExplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian })
            {
                data.Add(fixture, syntax.Uid);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenRealFile_WhenWrittenAndReadBack_ThenDatasetIsIdentical(string fixture, string transferSyntaxUid)
    {
        var original = DicomReader.Read(Fixtures.Path(fixture));
        var syntax = TransferSyntax.FromUid(transferSyntaxUid);

        var bytes = DicomWriter.WriteToBytes(new DicomFile(original.FileMetaInformation, original.Dataset, syntax));
        var copy = DicomReader.Read(bytes);

        Assert.Equal(syntax, copy.TransferSyntax);
        DatasetComparer.AssertSame(original.Dataset, copy.Dataset, compareVR: syntax.IsExplicitVR);
    }
}
