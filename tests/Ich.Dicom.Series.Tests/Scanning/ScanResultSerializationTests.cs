using System.IO.Compression;
using System.Text.Json;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Inputs.Sources;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Tests.Support;
using Ich.Dicom.Series.Volumes;
using Ich.Testing;

namespace Ich.Dicom.Series.Tests.Scanning;

public sealed class ScanResultSerializationTests
{
    private static readonly SyntheticCtSeries Soft = new();

    [Fact]
    public void GivenAScanOfAZip_WhenRoundTrippedThroughJson_ThenItIsUnchangedAndItsSelectionBuildsTheSameVolumeFromANewUpload()
    {
        using var folder = new TempFolder();
        var zipPath = WriteZip(folder);
        ScanResult scan;
        CtVolume original;
        using (var upload = Upload.Open(zipPath))
        {
            scan = SeriesScanner.Scan(upload);
            original = CtVolumeBuilder.Build(scan.Studies.Single().Selected!, upload);
        }

        var json = JsonSerializer.Serialize(scan);
        var back = JsonSerializer.Deserialize<ScanResult>(json)!;
        using var reopened = Upload.Open(zipPath);
        var rebuilt = CtVolumeBuilder.Build(back.Studies.Single().Selected!, reopened);

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Contains("\"Source\":\"upload.zip!study/", json, StringComparison.Ordinal);
        Assert.Contains("\"Reason\":\"PathTraversal\"", json, StringComparison.Ordinal);
        Assert.Equal(original.Hounsfield, rebuilt.Hounsfield);
        Assert.Equal(original.SopInstanceUids, rebuilt.SopInstanceUids);
    }

    [Fact]
    public void GivenTheZipAsAForwardOnlyStream_WhenScannedAndBuilt_ThenTheVolumeEqualsTheOneReadFromTheFile()
    {
        using var folder = new TempFolder();
        var zipPath = WriteZip(folder);
        var fromFile = Support.Volumes.BuildSelected(zipPath);

        using var upload = Upload.Open([new StreamSource("upload.zip", () => new ForwardOnlyStream(File.ReadAllBytes(zipPath)))]);
        var fromStream = CtVolumeBuilder.Build(SeriesScanner.Scan(upload).Studies.Single().Selected!, upload, maxDegreeOfParallelism: 2);

        Assert.Equal(fromFile.Hounsfield, fromStream.Hounsfield);
        Assert.Equal(fromFile.SourceNames, fromStream.SourceNames);
    }

    private static string WriteZip(TempFolder folder)
    {
        var zipPath = folder.Combine("upload.zip");
        using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        for (var i = 0; i < Soft.Slices; i++)
        {
            using var entry = archive.CreateEntry($"study/{Soft.ShuffledName(i)}.dcm", i % 2 == 0 ? CompressionLevel.Optimal : CompressionLevel.NoCompression).Open();
            entry.Write(Soft.CreateSlice(i));
        }

        using var evil = archive.CreateEntry("../evil.dcm").Open();
        evil.Write(Soft.CreateSlice(0));
        return zipPath;
    }
}
