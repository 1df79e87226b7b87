using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Inputs.Sources;
using Ich.Dicom.Series.Tests.Support;
using Ich.Testing;

namespace Ich.Dicom.Series.Tests.Inputs;

public sealed class UploadTests
{
    private static readonly byte[] Small = [1, 2, 3, 4, 5];

    private static IngestResult Collect(string path, IngestOptions? options = null)
    {
        using var upload = Upload.Open(path, options);
        return upload.Collect();
    }

    private static IngestResult CollectArchive(byte[] zip, IngestOptions? options = null)
    {
        using var upload = Upload.Open([new StreamSource("upload.zip", () => new MemoryStream(zip))], options);
        return upload.Collect();
    }

    [Fact]
    public void Collect_FolderTree_FindsFilesInSubfoldersInNameOrder()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("b"));
        File.WriteAllBytes(folder.Combine("b", "2.dcm"), Small);
        File.WriteAllBytes(folder.Combine("a.dcm"), Small);

        var result = Collect(folder.Path);

        Assert.Equal(["a.dcm", Path.Combine("b", "2.dcm")], result.Items.Select(i => i.SourceName));
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Open_MissingPath_ThrowsIngestException()
    {
        var error = Assert.Throws<IngestException>(() => Upload.Open("/no/such/upload"));

        Assert.Contains("neither a file nor a folder", error.Message);
    }

    [Fact]
    public void Collect_ZipInFolder_IsListedWithArchiveQualifiedNamesAndReadByName()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.Combine("upload.zip"), Zips.Create(("series/1.dcm", Small)));
        using var upload = Upload.Open(folder.Path);

        var item = Assert.Single(upload.Collect().Items);

        Assert.Equal(new InputItem("upload.zip!series/1.dcm", Small.Length), item);
        Assert.Equal(Small, upload.ReadAllBytes(item.SourceName));
    }

    [Fact]
    public void ReadAllBytes_InANewUploadOfTheSameSources_ReadsTheSameBytesByName()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.Combine("upload.zip"), Zips.Create(("series/1.dcm", Small), ("series/2.dcm", [9, 9])));
        string name;
        using (var first = Upload.Open(folder.Path)) name = first.Collect().Items[1].SourceName;

        using var second = Upload.Open(folder.Path);

        Assert.Equal([9, 9], second.ReadAllBytes(name));
    }

    [Fact]
    public void Collect_ForwardOnlyStreamHoldingAZip_IsSpooledAndEveryEntryReadable()
    {
        var zip = Zips.Create(("a.dcm", Small), ("b/c.dcm", [7, 8, 9]));
        var opened = 0;
        using var upload = Upload.Open([new StreamSource("blob.zip", () => { opened++; return new ForwardOnlyStream(zip); })]);

        var items = upload.Collect().Items;

        Assert.Equal(["blob.zip!a.dcm", "blob.zip!b/c.dcm"], items.Select(i => i.SourceName));
        Assert.Equal([7, 8, 9], upload.ReadAllBytes("blob.zip!b/c.dcm"));
        Assert.Equal(Small, upload.ReadAllBytes("blob.zip!a.dcm"));
        Assert.Equal(2, opened); // once to sniff, once to spool; entries are then read from the spooled copy
    }

    [Fact]
    public void Open_ForwardOnlyArchiveOverTheSpoolLimit_IsRejected()
    {
        var random = new Random(3);
        var content = new byte[300_000];
        random.NextBytes(content);
        var zip = Zips.Create(("a.dcm", content));
        using var upload = Upload.Open([new StreamSource("blob.zip", () => new ForwardOnlyStream(zip))], new IngestOptions { MaxSpoolBytes = 100_000 });

        var error = Assert.Throws<IngestLimitException>(upload.Collect);

        Assert.Contains("on disk", error.Message);
    }

    [Fact]
    public void Collect_StreamHoldingOneFile_IsOneItemNamedAfterTheStream()
    {
        using var upload = Upload.Open([new StreamSource("IM-0001.dcm", () => new ForwardOnlyStream(Small))]);

        Assert.Equal(new InputItem("IM-0001.dcm", Small.Length), Assert.Single(upload.Collect().Items));
        Assert.Equal(Small, upload.ReadAllBytes("IM-0001.dcm"));
    }

    [Fact]
    public void Collect_SeveralSources_PrefixesFolderItemsWithTheFolderName()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("study"));
        File.WriteAllBytes(folder.Combine("study", "1.dcm"), Small);
        File.WriteAllBytes(folder.Combine("single.dcm"), [4, 2]);
        using var upload = Upload.Open([folder.Combine("study"), folder.Combine("single.dcm")]);

        var names = upload.Collect().Items.Select(i => i.SourceName).ToArray();

        Assert.Equal(["single.dcm", "study/1.dcm"], names);
        Assert.Equal(Small, upload.ReadAllBytes("study/1.dcm"));
        Assert.Equal([4, 2], upload.ReadAllBytes("single.dcm"));
    }

    [Fact]
    public void Open_TwoSourcesOfOneName_ThrowsIngestException()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("a", "study"));
        Directory.CreateDirectory(folder.Combine("b", "study"));

        var error = Assert.Throws<IngestException>(() => Upload.Open([folder.Combine("a", "study"), folder.Combine("b", "study")]));

        Assert.Contains("'study'", error.Message);
    }

    [Theory]
    [InlineData("../outside.dcm")]
    [InlineData("sub/../../outside.dcm")]
    public void ReadAllBytes_NameLeavingTheFolder_IsNotFound(string name)
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("upload", "sub"));
        File.WriteAllBytes(folder.Combine("outside.dcm"), Small);
        using var upload = Upload.Open(folder.Combine("upload"));

        Assert.Throws<FileNotFoundException>(() => upload.ReadAllBytes(name));
    }

    [Theory]
    [InlineData("../evil.dcm")]
    [InlineData("a/../../evil.dcm")]
    [InlineData("/etc/evil.dcm")]
    [InlineData("\\windows\\evil.dcm")]
    [InlineData("C:/evil.dcm")]
    public void Collect_TraversalEntryName_IsRejectedAndReported(string name)
    {
        var zip = Zips.Create((name, Small), ("ok.dcm", Small));

        var result = CollectArchive(zip);

        Assert.Equal("upload.zip!ok.dcm", Assert.Single(result.Items).SourceName);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(SkipReason.PathTraversal, skipped.Reason);
        Assert.Equal($"upload.zip!{name}", skipped.SourceName);
    }

    [Fact]
    public void Collect_NestedZip_IsNotExpandedAndReported()
    {
        var inner = Zips.Create(("1.dcm", Small));
        var zip = Zips.Create(("inner.zip", inner), ("disguised.bin", inner));

        var result = CollectArchive(zip);

        Assert.Empty(result.Items);
        Assert.Equal(2, result.Skipped.Count);
        Assert.All(result.Skipped, s => Assert.Equal(SkipReason.NestedArchive, s.Reason));
    }

    [Fact]
    public void Collect_ZipBomb_IsRejectedByCompressionRatioWhileInflating()
    {
        // 64 MiB of zeros deflate to ~64 KiB: a ratio of ~1000.
        var zip = Zips.Create(("bomb.dcm", new byte[64 << 20]));
        var options = new IngestOptions { MaxCompressionRatio = 100, RatioCheckMinimumBytes = 1 << 20 };

        var error = Assert.Throws<IngestLimitException>(() => CollectArchive(zip, options));

        Assert.Contains("'upload.zip!bomb.dcm' inflates more than 100×", error.Message);
    }

    [Fact]
    public void Collect_TotalInflatedSizeOverLimit_IsRejected()
    {
        var random = new Random(7);
        var entries = Enumerable.Range(0, 4).Select(i => { var b = new byte[300_000]; random.NextBytes(b); return ($"{i}.dcm", b); }).ToArray();
        var zip = Zips.Create(entries);

        var error = Assert.Throws<IngestLimitException>(() => CollectArchive(zip, new IngestOptions { MaxTotalBytes = 1_000_000 }));

        Assert.Contains("inflates to more than", error.Message);
    }

    [Fact]
    public void Collect_EntryOverSizeLimit_IsSkippedAsTooLarge()
    {
        var random = new Random(7);
        var big = new byte[200_000];
        random.NextBytes(big);
        var zip = Zips.Create(("big.dcm", big), ("ok.dcm", Small));

        var result = CollectArchive(zip, new IngestOptions { MaxEntryBytes = 100_000 });

        Assert.Equal("upload.zip!ok.dcm", Assert.Single(result.Items).SourceName);
        Assert.Equal(SkipReason.TooLarge, Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public void Collect_TooManyEntries_IsRejected()
    {
        var zip = Zips.Create(Enumerable.Range(0, 11).Select(i => ($"{i}.dcm", Small)).ToArray());

        var error = Assert.Throws<IngestLimitException>(() => CollectArchive(zip, new IngestOptions { MaxEntries = 10 }));

        Assert.Contains("more than 10 files", error.Message);
    }

    [Fact]
    public void Collect_CorruptZip_IsReportedNotFatal()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.Combine("broken.zip"), [(byte)'P', (byte)'K', 3, 4, 0, 0, 0]);

        var result = Collect(folder.Path);

        Assert.Equal(SkipReason.CorruptArchive, Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public void Collect_LinkToAFolder_IsReportedNotFollowed()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("real"));
        File.WriteAllBytes(folder.Combine("real", "1.dcm"), Small);
        Directory.CreateSymbolicLink(folder.Combine("loop"), folder.Path);

        var result = Collect(folder.Path);

        Assert.Equal(Path.Combine("real", "1.dcm"), Assert.Single(result.Items).SourceName);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("loop", SkipReason.Link), (skipped.SourceName, skipped.Reason));
    }

    [Fact]
    public void Collect_LinkToAFileOutsideTheUpload_IsSkippedWithAReasonAndNotReadable()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("upload"));
        File.WriteAllBytes(folder.Combine("secret.dcm"), Small);
        File.WriteAllBytes(folder.Combine("upload", "1.dcm"), Small);
        File.CreateSymbolicLink(folder.Combine("upload", "2.dcm"), folder.Combine("secret.dcm"));
        using var upload = Upload.Open(folder.Combine("upload"));

        var result = upload.Collect();

        Assert.Equal("1.dcm", Assert.Single(result.Items).SourceName);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("2.dcm", SkipReason.Link), (skipped.SourceName, skipped.Reason));
        Assert.Contains("links are not followed", skipped.Detail);
        Assert.Throws<FileNotFoundException>(() => upload.ReadAllBytes("2.dcm"));
    }

    [Fact]
    public void Collect_TooManyFilesInAFolder_IsRejected()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 4; i++) File.WriteAllBytes(folder.Combine($"{i}.dcm"), Small);

        Assert.Throws<IngestLimitException>(() => Collect(folder.Path, new IngestOptions { MaxEntries = 3 }));
    }

    [Fact]
    public void ReadAllBytes_AfterDispose_Throws()
    {
        var zip = Zips.Create(("a.dcm", Small));
        var upload = Upload.Open([new StreamSource("blob.zip", () => new ForwardOnlyStream(zip))]);
        upload.Collect();

        upload.Dispose();

        Assert.Throws<ObjectDisposedException>(() => upload.ReadAllBytes("blob.zip!a.dcm"));
    }

    [Fact]
    public void IngestOptions_NonPositiveLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IngestOptions { MaxEntries = 0 });
    }

    [Fact]
    public void IngestOptions_FunctionsHost_HoldsLessPerItemAndInTotalThanAWorkstation()
    {
        var (functions, workstation) = (IngestOptions.FunctionsHost, IngestOptions.Workstation);

        Assert.Same(workstation, IngestOptions.Default);
        Assert.True(functions.MaxEntryBytes < workstation.MaxEntryBytes);
        Assert.True(functions.MaxTotalBytes < workstation.MaxTotalBytes);
        Assert.True(functions.MaxSpoolBytes < workstation.MaxSpoolBytes);
        Assert.Equal(workstation.MaxCompressionRatio, functions.MaxCompressionRatio);
    }
}
