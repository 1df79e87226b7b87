using Ich.Dicom.Series.Headers;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Slices;
using Ich.Dicom.Series.Tests.Support;

namespace Ich.Dicom.Series.Tests.Slices;

public sealed class SliceCollectionTests
{
    private static readonly RsnaStyleSeries Rsna = new() { Slices = 3 };

    [Fact]
    public void Read_FolderOfRsnaStyleFiles_ReturnsEachFileAsOneHounsfieldImage()
    {
        using var folder = new TempFolder();
        Rsna.WriteTo(folder.Path);

        var slices = SliceCollection.Read(folder.Path).Select(r => r.Slice!).OrderBy(s => s.SopInstanceUid, StringComparer.Ordinal).ToArray();

        var expected = Enumerable.Range(0, 3).Select(i => (Uid: Rsna.SopUid(i), Slice: i)).OrderBy(x => x.Uid, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Select(x => x.Uid), slices.Select(s => s.SopInstanceUid));
        for (var i = 0; i < slices.Length; i++)
        {
            var slice = slices[i];
            Assert.Equal((Rsna.StudyUid, Rsna.SeriesUid, "CT"), (slice.StudyInstanceUid, slice.SeriesInstanceUid, slice.Modality));
            Assert.Equal((32, 32), (slice.Rows, slice.Columns));
            Assert.Equal(new PixelSpacing(0.5, 0.5), slice.PixelSpacing);
            Assert.Equal(Enumerable.Range(0, 32 * 32).Select(p => (float)Rsna.Hounsfield(expected[i].Slice, p / 32, p % 32)), slice.Hounsfield);
            Assert.Empty(slice.Warnings);
        }
    }

    [Fact]
    public void Read_SliceWithoutSeriesRules_IsReturnedEvenAlone()
    {
        using var folder = new TempFolder();
        var path = new SyntheticCtSeries { ImageType = ["DERIVED", "SECONDARY", "AXIAL"] }.WriteTo(folder.Path, [0])[0];

        var result = Assert.Single(SliceCollection.Read(path));

        Assert.Null(result.Skipped);
        Assert.Equal("2.25.1001.2.1", result.Slice!.SopInstanceUid);
        Assert.Equal(SyntheticCtSeries.StoredValue(0, 1, 2) - 1024f, result.Slice.Hounsfield[32 + 2]);
    }

    [Fact]
    public void Read_FilesThatCannotBeRead_AreEachReportedWithAReason()
    {
        using var folder = new TempFolder();
        Rsna.WriteTo(folder.Path);
        File.WriteAllText(folder.Combine("notes.txt"), "not an image");
        var slice = Rsna.CreateSlice(0);
        File.WriteAllBytes(folder.Combine("cut.dcm"), slice[..(slice.Length - 100)]); // pixel data cut short
        File.WriteAllBytes(folder.Combine("empty.dcm"), []);

        var results = SliceCollection.Read(folder.Path).ToArray();

        Assert.Equal(3, results.Count(r => r.Slice is not null));
        var skipped = results.Where(r => r.Skipped is not null).ToDictionary(r => r.Skipped!.SourceName, r => r.Skipped!.Reason);
        Assert.Equal(SkipReason.NotDicom, skipped["notes.txt"]);
        Assert.Equal(SkipReason.Corrupt, skipped["cut.dcm"]);
        Assert.True(skipped.ContainsKey("empty.dcm"));
        Assert.Equal(6, results.Length);
        Assert.All(results, r => Assert.True(r.Slice is null != (r.Skipped is null)));
    }

    [Fact]
    public void Read_ZipWithTraversalEntry_ReportsTheIngestSkipToo()
    {
        using var folder = new TempFolder();
        var zip = folder.Combine("upload.zip");
        File.WriteAllBytes(zip, Zips.Create(("a.dcm", Rsna.CreateSlice(0)), ("../evil.dcm", Rsna.CreateSlice(1))));

        var results = SliceCollection.Read(zip).ToArray();

        Assert.Equal(2, results.Length);
        Assert.Equal(SkipReason.PathTraversal, results.Single(r => r.Skipped is not null).Skipped!.Reason);
        Assert.Equal(Rsna.SopUid(0), results.Single(r => r.Slice is not null).Slice!.SopInstanceUid);
    }

    [Fact]
    public void Read_MissingPath_ThrowsAtOnce()
    {
        Assert.Throws<IngestException>(() => SliceCollection.Read("/no/such/collection"));
    }
}
