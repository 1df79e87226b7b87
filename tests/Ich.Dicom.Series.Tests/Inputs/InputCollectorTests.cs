using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Tests.Support;

namespace Ich.Dicom.Series.Tests.Inputs;

public sealed class InputCollectorTests
{
    private static readonly byte[] Small = [1, 2, 3, 4, 5];

    [Fact]
    public void Collect_FolderTree_FindsFilesInSubfoldersInNameOrder()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("b"));
        File.WriteAllBytes(folder.Combine("b", "2.dcm"), Small);
        File.WriteAllBytes(folder.Combine("a.dcm"), Small);

        var result = InputCollector.Collect(folder.Path);

        Assert.Equal(["a.dcm", Path.Combine("b", "2.dcm")], result.Items.Select(i => i.SourceName));
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Collect_MissingPath_ThrowsIngestException()
    {
        var error = Assert.Throws<IngestException>(() => InputCollector.Collect("/no/such/upload"));

        Assert.Contains("neither a file nor a folder", error.Message);
    }

    [Fact]
    public void Collect_ZipInFolder_IsExpandedWithArchiveQualifiedNames()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.Combine("upload.zip"), Zips.Create(("series/1.dcm", Small)));

        var result = InputCollector.Collect(folder.Path);

        var item = Assert.Single(result.Items);
        Assert.Equal("upload.zip!series/1.dcm", item.SourceName);
        Assert.Equal(Small, item.ReadBytes().ToArray());
    }

    [Theory]
    [InlineData("../evil.dcm")]
    [InlineData("a/../../evil.dcm")]
    [InlineData("/etc/evil.dcm")]
    [InlineData("\\windows\\evil.dcm")]
    [InlineData("C:/evil.dcm")]
    public void CollectArchive_TraversalEntryName_IsRejectedAndReported(string name)
    {
        var zip = Zips.Create((name, Small), ("ok.dcm", Small));

        var result = InputCollector.CollectArchive(new MemoryStream(zip), "upload.zip");

        Assert.Equal("upload.zip!ok.dcm", Assert.Single(result.Items).SourceName);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(SkipReason.PathTraversal, skipped.Reason);
        Assert.Equal($"upload.zip!{name}", skipped.SourceName);
    }

    [Fact]
    public void CollectArchive_NestedZip_IsNotExpandedAndReported()
    {
        var inner = Zips.Create(("1.dcm", Small));
        var zip = Zips.Create(("inner.zip", inner), ("disguised.bin", inner));

        var result = InputCollector.CollectArchive(new MemoryStream(zip), "upload.zip");

        Assert.Empty(result.Items);
        Assert.Equal(2, result.Skipped.Count);
        Assert.All(result.Skipped, s => Assert.Equal(SkipReason.NestedArchive, s.Reason));
    }

    [Fact]
    public void CollectArchive_ZipBomb_IsRejectedByCompressionRatioWhileInflating()
    {
        // 64 MiB of zeros deflate to ~64 KiB: a ratio of ~1000.
        var zip = Zips.Create(("bomb.dcm", new byte[64 << 20]));
        var options = new IngestOptions { MaxCompressionRatio = 100, RatioCheckMinimumBytes = 1 << 20 };

        var error = Assert.Throws<IngestLimitException>(() => InputCollector.CollectArchive(new MemoryStream(zip), "upload.zip", options));

        Assert.Contains("'upload.zip!bomb.dcm' inflates more than 100×", error.Message);
    }

    [Fact]
    public void CollectArchive_TotalInflatedSizeOverLimit_IsRejected()
    {
        var random = new Random(7);
        var entries = Enumerable.Range(0, 4).Select(i => { var b = new byte[300_000]; random.NextBytes(b); return ($"{i}.dcm", b); }).ToArray();
        var zip = Zips.Create(entries);

        var error = Assert.Throws<IngestLimitException>(() =>
            InputCollector.CollectArchive(new MemoryStream(zip), "upload.zip", new IngestOptions { MaxTotalBytes = 1_000_000 }));

        Assert.Contains("inflates to more than", error.Message);
    }

    [Fact]
    public void CollectArchive_EntryOverSizeLimit_IsSkippedAsTooLarge()
    {
        var random = new Random(7);
        var big = new byte[200_000];
        random.NextBytes(big);
        var zip = Zips.Create(("big.dcm", big), ("ok.dcm", Small));

        var result = InputCollector.CollectArchive(new MemoryStream(zip), "upload.zip", new IngestOptions { MaxEntryBytes = 100_000 });

        Assert.Equal("upload.zip!ok.dcm", Assert.Single(result.Items).SourceName);
        Assert.Equal(SkipReason.TooLarge, Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public void CollectArchive_TooManyEntries_IsRejected()
    {
        var zip = Zips.Create(Enumerable.Range(0, 11).Select(i => ($"{i}.dcm", Small)).ToArray());

        var error = Assert.Throws<IngestLimitException>(() =>
            InputCollector.CollectArchive(new MemoryStream(zip), "upload.zip", new IngestOptions { MaxEntries = 10 }));

        Assert.Contains("more than 10 files", error.Message);
    }

    [Fact]
    public void Collect_CorruptZip_IsReportedNotFatal()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.Combine("broken.zip"), [(byte)'P', (byte)'K', 3, 4, 0, 0, 0]);

        var result = InputCollector.Collect(folder.Path);

        Assert.Equal(SkipReason.CorruptArchive, Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public void Collect_LinkToAFolder_IsReportedNotFollowed()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("real"));
        File.WriteAllBytes(folder.Combine("real", "1.dcm"), Small);
        Directory.CreateSymbolicLink(folder.Combine("loop"), folder.Path);

        var result = InputCollector.Collect(folder.Path);

        Assert.Equal(Path.Combine("real", "1.dcm"), Assert.Single(result.Items).SourceName);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("loop", SkipReason.Unreadable), (skipped.SourceName, skipped.Reason));
    }

    [Fact]
    public void Collect_TooManyFilesInAFolder_IsRejected()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 4; i++) File.WriteAllBytes(folder.Combine($"{i}.dcm"), Small);

        Assert.Throws<IngestLimitException>(() => InputCollector.Collect(folder.Path, new IngestOptions { MaxEntries = 3 }));
    }

    [Fact]
    public void IngestOptions_NonPositiveLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IngestOptions { MaxEntries = 0 });
    }
}
