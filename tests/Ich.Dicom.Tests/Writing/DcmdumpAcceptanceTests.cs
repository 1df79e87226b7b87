using Ich.Dicom.Tests.Reference;

namespace Ich.Dicom.Tests.Writing;

/// <summary>dcmtk's dcmdump reads what the writer writes with no warning and no error.</summary>
public sealed class DcmdumpAcceptanceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ich-dicom-writer-").FullName;

    /// <summary>
    /// Every readable fixture except those whose own data is illegal (elements in the reserved odd groups 0001–0007,
    /// which dcmdump rightly flags in the original too): the writer keeps data as it was read.
    /// </summary>
    public static TheoryData<string> Written()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in Fixtures.Readable.Where(f => !HasReservedGroups(DicomReader.Read(Fixtures.Path(f)).Dataset))) data.Add(fixture);
        return data;
    }

    private static bool HasReservedGroups(DicomDataset dataset) =>
        dataset.Any(e => e.Tag.Group is 0x0001 or 0x0003 or 0x0005 or 0x0007 || (e.Items?.Any(HasReservedGroups) ?? false));

    [Theory]
    [MemberData(nameof(Written))]
    public void GivenRealFileRewrittenAsExplicitLittleEndian_WhenDcmdumpReadsIt_ThenNoWarningsOrErrors(string fixture)
    {
        var original = DicomReader.Read(Fixtures.Path(fixture));
        var syntax = original.TransferSyntax.IsEncapsulated ? original.TransferSyntax : TransferSyntax.ExplicitVRLittleEndian;
        var path = Path.Combine(folder, "out.dcm");
        DicomWriter.Write(new DicomFile(original.FileMetaInformation, original.Dataset, syntax), path);

        var result = Dcmdump.Run("+L", path);

        Assert.True(result.ExitCode == 0, $"dcmdump failed ({result.ExitCode}): {result.Errors}");
        Assert.True(!HasProblems(result.Output) && !HasProblems(result.Errors), $"dcmdump complained:\n{result.Errors}\n{string.Join('\n', result.Output.Split('\n').Where(l => l.StartsWith("W:", StringComparison.Ordinal) || l.StartsWith("E:", StringComparison.Ordinal)))}");
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2")]
    [InlineData("1.2.840.10008.1.2.1.99")]
    [InlineData("1.2.840.10008.1.2.2")]
    public void GivenRealFileRewrittenInOtherNativeSyntax_WhenDcmdumpReadsIt_ThenNoWarningsAndSameSyntax(string uid)
    {
        var original = DicomReader.Read(Fixtures.Path("parser-sequences/rtplan.dcm"));
        var path = Path.Combine(folder, "out.dcm");
        DicomWriter.Write(new DicomFile(original.FileMetaInformation, original.Dataset, TransferSyntax.FromUid(uid)), path);

        var result = Dcmdump.Run(path);

        Assert.Equal(0, result.ExitCode);
        Assert.False(HasProblems(result.Output) || HasProblems(result.Errors), result.Output + result.Errors);
        Assert.Contains($"(0002,0010) UI ={Names[uid]}", result.Output, StringComparison.Ordinal);
        Assert.Contains("(300a,00b0) SQ", result.Output, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, string> Names = new()
    {
        ["1.2.840.10008.1.2"] = "LittleEndianImplicit",
        ["1.2.840.10008.1.2.1.99"] = "DeflatedLittleEndianExplicit",
        ["1.2.840.10008.1.2.2"] = "BigEndianExplicit",
    };

    [Fact]
    public void GivenDatasetBuiltInCode_WhenWrittenAndDumped_ThenDcmdumpShowsTheValues()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        dataset.Set(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.Set(DicomTags.SOPInstanceUID, DicomVR.UI, "2.25.1234567");
        dataset.Set(DicomTags.PatientName, DicomVR.PN, "Müller^Jürgen");
        dataset.Set(DicomTags.ImageType, DicomVR.CS, "DERIVED", "SECONDARY");
        dataset.SetNumbers(DicomTags.PixelSpacing, DicomVR.DS, 0.48828125, 1.0 / 3);
        dataset.SetNumbers(DicomTags.Rows, DicomVR.US, 2);
        var item = new DicomDataset();
        item.Set(DicomTags.CodeValue, DicomVR.SH, "T-A0100");
        dataset.SetSequence(DicomTags.ConceptNameCodeSequence, [item]);
        var path = Path.Combine(folder, "built.dcm");
        DicomWriter.Write(DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian), path);

        var result = Dcmdump.Run("+U8", path);

        Assert.Equal(0, result.ExitCode);
        Assert.False(HasProblems(result.Output) || HasProblems(result.Errors), result.Output + result.Errors);
        Assert.Contains("[Müller^Jürgen]", result.Output, StringComparison.Ordinal);
        Assert.Contains("[0.48828125\\0.33333333333333]", result.Output, StringComparison.Ordinal);
        Assert.Contains("[T-A0100]", result.Output, StringComparison.Ordinal);
        Assert.Contains($"(0002,0012) UI [{DicomFile.ImplementationClassUid}]", result.Output, StringComparison.Ordinal);
    }

    private static bool HasProblems(string text) =>
        text.Split('\n').Any(l => l.StartsWith("W:", StringComparison.Ordinal) || l.StartsWith("E:", StringComparison.Ordinal));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
