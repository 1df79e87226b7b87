using System.Security.Cryptography;
using System.Text.Json;
using Ich.Testing;

namespace Ich.Cli.Tests.Dicom;

/// <summary>
/// `ich dicom pixels` in-process on real fixtures; the bytes it writes are compared with the reference decoders'
/// SHA-256 recorded in tests/data/dicom/reference-hashes.json (see scripts/reference-hashes).
/// </summary>
public sealed class DicomPixelsCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ich-pixels-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("ct-small-explicit-le/CT_small.dcm")]
    [InlineData("ct-rle-512/rle.dcm")]
    [InlineData("ct-small-jpeg-lossless-p14-sv7/ct_small_p14_sv7.dcm")]
    [InlineData("mr-16frame-jpeg-ls-no-bot-fragmented/mr16_jls_no_bot_fragmented.dcm")]
    [InlineData("rgb-rle-32bit-2frame/SC_rgb_rle_32bit_2frame.dcm")]
    public async Task GivenFixture_WhenPixelsWritten_ThenBytesEqualTheReferenceDecoders(string fixture)
    {
        var output = Path.Combine(folder, "out.raw");

        var result = await CommandLineRunner.RunAsync("dicom", "pixels", DataPath(fixture), "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Equal(Reference(fixture).GetProperty("sha256").GetString(), Sha256(output));
    }

    [Fact]
    public async Task GivenMultiFrameFile_WhenOneFrameWritten_ThenBytesEqualThatReferenceFrame()
    {
        const string fixture = "rgb-rle-16bit-2frame/SC_rgb_rle_16bit_2frame.dcm";
        var output = Path.Combine(folder, "frame1.raw");

        var result = await CommandLineRunner.RunAsync("dicom", "pixels", DataPath(fixture), "--out", output, "--frame", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 frame(s) of 100x100 x 3 sample(s), 16-bit unsigned", result.Output, StringComparison.Ordinal);
        Assert.Equal(Reference(fixture).GetProperty("frameSha256")[1].GetString(), Sha256(output));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    public async Task GivenFrameOutOfRange_WhenPixels_ThenExit2WithOneLineErrorAndNoFile(string frame)
    {
        var output = Path.Combine(folder, "none.raw");

        var result = await CommandLineRunner.RunAsync("dicom", "pixels", DataPath("rgb-rle-8bit-2frame/SC_rgb_rle_2frame.dcm"), "--out", output, "--frame", frame);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"frame {frame} is out of range: the file has 2 frame(s)", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task GivenTruncatedPixelData_WhenPixels_ThenExit2WithOneLineError()
    {
        var output = Path.Combine(folder, "truncated.raw");

        var result = await CommandLineRunner.RunAsync("dicom", "pixels", DataPath("mr-truncated/MR_truncated.dcm"), "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: MR_truncated.dcm: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task GivenNonDicomFile_WhenPixels_ThenExit2()
    {
        var input = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(input, "not a DICOM file at all");

        var result = await CommandLineRunner.RunAsync("dicom", "pixels", input, "--out", Path.Combine(folder, "x.raw"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: notes.txt: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenNoOutOption_WhenPixels_ThenNonZeroExitNamingTheOption()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "pixels", DataPath("ct-small-explicit-le/CT_small.dcm"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--out", result.Error, StringComparison.Ordinal);
    }

    private static string DataPath(string fixture) => RepositoryPaths.Combine("tests", "data", "dicom", fixture);

    private static JsonElement Reference(string fixture)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DataPath("reference-hashes.json")));
        return document.RootElement.GetProperty("files").GetProperty(fixture).Clone();
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
