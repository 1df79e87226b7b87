using System.Text.Json;
using Ich.Testing;

namespace Ich.Cli.Tests.Dicom;

public sealed class DicomInfoCommandTests
{
    private static string Fixture(string relative) => Path.Combine(DataRoot(), relative);

    [Fact]
    public async Task GivenCtFile_WhenInfo_ThenPrintsSyntaxGeometryAndRescale()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "info", Fixture("ct-small-explicit-le/CT_small.dcm"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1.2.840.10008.1.2.1 (Explicit VR Little Endian)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Modality:           CT", result.Output, StringComparison.Ordinal);
        Assert.Contains("Rows x columns:     128 x 128", result.Output, StringComparison.Ordinal);
        Assert.Contains("allocated 16, stored 16, high bit 15, signed", result.Output, StringComparison.Ordinal);
        Assert.Contains("Rescale:            slope 1, intercept -1024", result.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task GivenFileWithPatientName_WhenInfoWithoutShowPhi_ThenNameAndIdAreHidden()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "info", Fixture("ct-small-explicit-le/CT_small.dcm"), "--all");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Patient name:       <hidden>", result.Output, StringComparison.Ordinal);
        Assert.Contains("Patient ID:         <hidden>", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CompressedSamples", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenFileWithPatientName_WhenInfoWithShowPhi_ThenNameIsShown()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "info", Fixture("ct-small-explicit-le/CT_small.dcm"), "--show-phi");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Patient name:       CompressedSamples^CT1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenCompressedFile_WhenInfoJson_ThenJsonHasSyntaxFramesAndHiddenPatient()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "info", Fixture("mr-16frame-jpeg-lossless-no-bot/") + FirstDcm("mr-16frame-jpeg-lossless-no-bot"), "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("1.2.840.10008.1.2.4.70", json.GetProperty("transferSyntaxUid").GetString());
        Assert.Equal(16, json.GetProperty("frames").GetInt32());
        Assert.True(json.GetProperty("pixelDataEncapsulated").GetBoolean());
        Assert.Equal("<hidden>", json.GetProperty("patientName").GetString());
        Assert.True(json.GetProperty("elementCount").GetInt32() > 10);
    }

    [Fact]
    public async Task GivenTruncatedFile_WhenInfo_ThenExitCode2WithOneLineError()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "info", Fixture("mr-truncated/") + FirstDcm("mr-truncated"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("(7FE0,0010)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTextFile_WhenInfo_ThenExitCode2SaysNotDicom()
    {
        var path = Path.Combine(DataRoot(), "README.md");

        var result = await CommandLineRunner.RunAsync("dicom", "info", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not DICOM", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenFileWithUnreadableNumber_WhenInfoJson_ThenProblemIsReportedAndFramesUnknown()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "info", Fixture("parser-meta-quirks/badVR.dcm"), "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("frames").ValueKind);
        Assert.Contains("(0028,0008)", json.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.False(json.TryGetProperty("dump", out _));
    }

    [Fact]
    public async Task GivenMissingFile_WhenInfo_ThenExitCode2()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "info", Fixture("no-such-folder/none.dcm"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: none.dcm", result.Error, StringComparison.Ordinal);
    }

    private static string FirstDcm(string folder) =>
        Path.GetFileName(Directory.EnumerateFiles(Path.Combine(DataRoot(), folder), "*.dcm").Order(StringComparer.Ordinal).First());

    /// <summary>tests/data/dicom, found from the test binaries or, when built outside the checkout, from this source file.</summary>
    private static string DataRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        string root;
        try
        {
            root = RepositoryPaths.Root;
        }
        catch (DirectoryNotFoundException)
        {
            root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", ".."));
        }
        return Path.Combine(root, "tests", "data", "dicom");
    }
}
