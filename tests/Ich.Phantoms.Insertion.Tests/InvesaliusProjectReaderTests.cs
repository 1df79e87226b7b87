using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Ich.Phantoms.Insertion.Analysis;
using Ich.Phantoms.Insertion.Backgrounds;

namespace Ich.Phantoms.Insertion.Tests;

public sealed class InvesaliusProjectReaderTests
{
    [Fact]
    public void Read_Cranium_HasTheShapeAndSpacingItsPlistNames()
    {
        var volume = InvesaliusProjectReader.Read(Backgrounds.RequireCranium());

        Assert.Equal((256, 256, 108), (volume.Width, volume.Height, volume.Depth));
        Assert.Equal(0.957f, volume.PixelSpacingMm, 3);
        Assert.Equal(1.5f, volume.SliceSpacingMm, 3);
    }

    [Fact]
    public void Read_Cranium_IsAcceptedAsANormalHead()
    {
        var analysis = HeadAnalyzer.Analyze(InvesaliusProjectReader.Read(Backgrounds.RequireCranium()));

        Assert.True(analysis.IsAccepted, analysis.Refusal?.ToString());
        Assert.InRange(analysis.Background!.IntracranialMl, 1200, 1800);
        Assert.InRange(analysis.Background.VentricleMl, 10, 80);
        Assert.InRange(analysis.Background.MidlineColumn(60), 118, 138);
    }

    [Fact]
    public void Read_FlipsTheBottomUpRows()
    {
        // A project written here: file row 0 (InVesalius's bottom row) is marked; it must become the last image row.
        var raw = new byte[2 * 4 * 16 * 16];
        BitConverter.GetBytes((short)1000).CopyTo(raw, 2 * (2 * 256 + 0 * 16 + 5));
        var path = WriteProject(raw, "<integer>4</integer><integer>16</integer><integer>16</integer>", "int16");

        var volume = InvesaliusProjectReader.Read(path);

        Assert.Equal(1000, volume.Hounsfield[volume.Index(5, 15, 2)]);
        Assert.Equal(1, volume.Hounsfield.Count(v => v != 0));
    }

    [Fact]
    public void Read_RefusesAVolumeThatIsNotInt16()
    {
        var path = WriteProject(new byte[4 * 16 * 16 * 2], "<integer>4</integer><integer>16</integer><integer>16</integer>", "float32");

        var e = Assert.Throws<InvalidDataException>(() => InvesaliusProjectReader.Read(path));
        Assert.Contains("int16", e.Message);
    }

    private static string WriteProject(byte[] raw, string shape, string dtype)
    {
        var plist = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple Computer//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0"><dict>
            <key>matrix</key><dict><key>dtype</key><string>{dtype}</string><key>filename</key><string>matrix.dat</string>
            <key>shape</key><array>{shape}</array></dict>
            <key>name</key><string>TEST</string>
            <key>spacing</key><array><real>0.5</real><real>0.5</real><real>2.0</real></array>
            </dict></plist>
            """;
        var path = Path.Combine(Path.GetTempPath(), $"ich-inv3-{Guid.NewGuid():N}.inv3");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (name, bytes) in new[] { ("tmp/main.plist", Encoding.UTF8.GetBytes(plist)), ("tmp/matrix.dat", raw) })
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) };
                tar.WriteEntry(entry);
            }
        }
        return path;
    }
}
