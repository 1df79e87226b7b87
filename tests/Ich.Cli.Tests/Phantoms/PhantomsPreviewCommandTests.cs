namespace Ich.Cli.Tests.Phantoms;

public sealed class PhantomsPreviewCommandTests
{
    [Fact]
    public async Task Preview_WritesAPngMontage()
    {
        var file = Path.Combine(Path.GetTempPath(), "ich-preview-" + Guid.NewGuid().ToString("N") + ".png");
        try
        {
            var result = await CommandLineRunner.RunAsync("phantoms", "preview", "--out", file, "--studies", "2", "--slices", "2",
                "--matrix", "128", "--tile", "128");

            Assert.Equal(0, result.ExitCode);
            var bytes = File.ReadAllBytes(file);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            // IHDR: width = 2 tiles, height = 2 rows of tile + caption.
            Assert.Equal(256, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(2 * (128 + 22), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Preview_RejectsTooManySlices()
    {
        var result = await CommandLineRunner.RunAsync("phantoms", "preview", "--out", Path.Combine(Path.GetTempPath(), "x.png"), "--slices", "40");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--slices", result.Error);
    }
}
