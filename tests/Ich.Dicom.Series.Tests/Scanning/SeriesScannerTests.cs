using System.IO.Compression;
using Ich.Dicom;
using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Tests.Support;
using Ich.Testing;

namespace Ich.Dicom.Series.Tests.Scanning;

public sealed class SeriesScannerTests
{
    private static readonly SyntheticCtSeries Soft = new();

    [Fact]
    public void GivenShuffledFileNames_WhenScanned_ThenSlicesAreOrderedByPosition()
    {
        using var folder = new TempFolder();
        Soft.WriteTo(folder.Path);

        var result = SeriesScanner.Scan(folder.Path);

        var selected = Assert.Single(result.Studies).Selected;
        Assert.NotNull(selected);
        Assert.Equal(Enumerable.Range(0, Soft.Slices).Select(Soft.SopUid), selected.Slices.Select(s => s.Header.SopInstanceUid));
        Assert.Equal(5.0, selected.Geometry!.SliceSpacing, 6);
        Assert.Empty(selected.Problems);
    }

    [Fact]
    public void GivenLocalizerBoneKernelAndSoftSeries_WhenScanned_ThenSoftSeriesIsChosenAndOthersExplained()
    {
        using var folder = new TempFolder();
        Soft.WriteTo(folder.Combine("soft"));
        (Soft with { SeriesUid = "2.25.1001.3", SeriesNumber = 3, Kernel = "H70h", Description = "Head bone" }).WriteTo(folder.Combine("bone"));
        (Soft with { SeriesUid = "2.25.1001.1", SeriesNumber = 1, Slices = 2, ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"] }).WriteTo(folder.Combine("scout"));

        var study = Assert.Single(SeriesScanner.Scan(folder.Path).Studies);

        Assert.Equal(Soft.SeriesUid, study.Selected!.Series.SeriesInstanceUid);
        Assert.Equal("not eligible: a localizer (scout) series", Reason(study, "2.25.1001.1"));
        Assert.Equal("not eligible: sharp (bone/lung) kernel 'H70h'", Reason(study, "2.25.1001.3"));
    }

    [Fact]
    public void GivenNonDicomAndTruncatedFiles_WhenScanned_ThenEachIsSkippedWithAReason()
    {
        using var folder = new TempFolder();
        Soft.WriteTo(folder.Path);
        File.WriteAllText(folder.Combine("notes.txt"), "not an image");
        var slice = Soft.CreateSlice(0);
        var pixelDataTag = slice.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xE0, 0x7F, 0x10, 0x00]);
        File.WriteAllBytes(folder.Combine("cut.dcm"), slice[..(pixelDataTag - 3)]); // ends inside Rescale Slope

        var result = SeriesScanner.Scan(folder.Path);

        Assert.NotNull(result.Studies.Single().Selected);
        Assert.Contains(new SkippedInput("notes.txt", SkipReason.NotDicom, "?"), result.Skipped, SameSourceAndReason.Instance);
        Assert.Contains(new SkippedInput("cut.dcm", SkipReason.Corrupt, "?"), result.Skipped, SameSourceAndReason.Instance);
    }

    [Fact]
    public void GivenDicomWithoutPixelModule_WhenScanned_ThenItIsSkippedAsNotAnImage()
    {
        using var folder = new TempFolder();
        Soft.WriteTo(folder.Path);
        var report = new DicomDataset();
        report.Set(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.88.22");
        report.Set(DicomTags.SOPInstanceUID, DicomVR.UI, "2.25.1001.99.1");
        report.Set(DicomTags.Modality, DicomVR.CS, "SR");
        report.Set(DicomTags.StudyInstanceUID, DicomVR.UI, Soft.StudyUid);
        report.Set(DicomTags.SeriesInstanceUID, DicomVR.UI, "2.25.1001.99");
        File.WriteAllBytes(folder.Combine("report.dcm"), DicomWriter.WriteToBytes(DicomFile.Create(report, TransferSyntax.ExplicitVRLittleEndian)));

        var result = SeriesScanner.Scan(folder.Path);

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("report.dcm", SkipReason.NotAnImage), (skipped.SourceName, skipped.Reason));
        Assert.Contains("modality 'SR'", skipped.Detail);
    }

    [Fact]
    public void GivenAMissingSlice_WhenScanned_ThenNoSeriesIsSelectedAndTheGapIsReported()
    {
        using var folder = new TempFolder();
        Soft.WriteTo(folder.Path, Enumerable.Range(0, Soft.Slices).Where(i => i != 5));

        var result = SeriesScanner.Scan(folder.Path);

        var study = Assert.Single(result.Studies);
        Assert.Null(study.Selected);
        Assert.False(result.HasSelection);
        Assert.StartsWith("eligible, but unusable: slices are missing", Reason(study, Soft.SeriesUid));
    }

    [Fact]
    public void GivenTheBestSeriesUnusable_WhenScanned_ThenTheNextEligibleSeriesIsChosen()
    {
        using var folder = new TempFolder();
        var big = Soft with { Slices = 14 };
        big.WriteTo(folder.Combine("big"), Enumerable.Range(0, 14).Where(i => i != 5));
        var small = Soft with { SeriesUid = "2.25.1001.9", SeriesNumber = 9 };
        small.WriteTo(folder.Combine("small"));

        var study = Assert.Single(SeriesScanner.Scan(folder.Path).Studies);

        Assert.Equal("2.25.1001.9", study.Selected!.Series.SeriesInstanceUid);
        Assert.Contains(study.Series, r => r.Series.SeriesInstanceUid == Soft.SeriesUid && r.Assembly is { IsUsable: false });
    }

    [Fact]
    public void GivenACopiedSliceFile_WhenScanned_ThenTheCopyIsLeftOutWithAWarning()
    {
        using var folder = new TempFolder();
        var paths = Soft.WriteTo(folder.Path);
        File.Copy(paths[3], folder.Combine("zz-copy.dcm"));

        var selected = SeriesScanner.Scan(folder.Path).Studies.Single().Selected!;

        Assert.Equal(Soft.Slices, selected.Slices.Count);
        var problem = Assert.Single(selected.Problems);
        Assert.Equal(SeriesProblemKind.DuplicateInstance, problem.Kind);
        Assert.Contains("'zz-copy.dcm'", problem.Message);
    }

    [Fact]
    public void GivenATiltedGantrySeries_WhenScanned_ThenItIsSelectedWithATiltWarning()
    {
        using var folder = new TempFolder();
        (Soft with { TiltDegrees = 12 }).WriteTo(folder.Path);

        var selected = SeriesScanner.Scan(folder.Path).Studies.Single().Selected!;

        var problem = Assert.Single(selected.Problems);
        Assert.Equal(SeriesProblemKind.GantryTilt, problem.Kind);
        Assert.Equal(12, selected.Geometry!.TiltDegrees, 3);
    }

    [Fact]
    public void GivenATwentyFiveDegreeTiltedGantrySeries_WhenScanned_ThenItIsSelectedWithATiltWarning()
    {
        // Beyond the 15° of a plain axial series, within the 30° a head CT gantry tilts.
        using var folder = new TempFolder();
        (Soft with { TiltDegrees = 25 }).WriteTo(folder.Path);

        var selected = SeriesScanner.Scan(folder.Path).Studies.Single().Selected!;

        Assert.Equal(SeriesProblemKind.GantryTilt, Assert.Single(selected.Problems).Kind);
        Assert.Equal(25, selected.Geometry!.TiltDegrees, 3);
    }

    [Fact]
    public void GivenAZipWithATraversalEntry_WhenScanned_ThenTheSeriesIsReadAndTheEntryReported()
    {
        using var folder = new TempFolder();
        var zipPath = folder.Combine("upload.zip");
        using (var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            for (var i = 0; i < Soft.Slices; i++)
            {
                using var entry = archive.CreateEntry($"study/{Soft.ShuffledName(i)}.dcm").Open();
                entry.Write(Soft.CreateSlice(i));
            }

            using var evil = archive.CreateEntry("../../etc/cron.d/evil.dcm").Open();
            evil.Write(Soft.CreateSlice(0));
        }

        var result = SeriesScanner.Scan(zipPath);

        Assert.Equal(Soft.Slices, result.Studies.Single().Selected!.Slices.Count);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(SkipReason.PathTraversal, skipped.Reason);
        Assert.Equal("upload.zip!../../etc/cron.d/evil.dcm", skipped.SourceName);
    }

    [Fact]
    public void GivenTheRealMrBrainSeries_WhenScanned_ThenItIsNotEligibleForModality()
    {
        var result = SeriesScanner.Scan(RepositoryPaths.Combine("tests", "data", "dicom", "mr-brain-series"));

        var series = Assert.Single(Assert.Single(result.Studies).Series);
        Assert.Equal(20, series.Series.InstanceCount);
        Assert.StartsWith("not eligible: modality is 'MR'", series.NotSelectedReason);
        Assert.Equal(["LICENSE", "SOURCE.md"], result.Skipped.Select(s => s.SourceName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GivenTheRealMrBrainSeries_WhenAssembled_ThenSlicesFollowTheirPositions()
    {
        var result = SeriesScanner.Scan(RepositoryPaths.Combine("tests", "data", "dicom", "mr-brain-series"));
        var series = result.Studies.Single().Series.Single().Series;

        var assembly = SeriesAssembler.Assemble(series);

        Assert.True(assembly.IsUsable, assembly.UnusableReason);
        Assert.Equal(20, assembly.Slices.Count);
        var positions = assembly.Slices.Select(s => s.Position).ToArray();
        Assert.Equal(positions.Order(), positions);
        // Instance numbers of this real series run along its normal, so they must come out in order too.
        var instanceNumbers = assembly.Slices.Select(s => s.Header.InstanceNumber!.Value).ToArray();
        Assert.True(instanceNumbers.SequenceEqual(instanceNumbers.Order()) || instanceNumbers.SequenceEqual(instanceNumbers.OrderDescending()));
    }

    private sealed class SameSourceAndReason : IEqualityComparer<SkippedInput>
    {
        public static readonly SameSourceAndReason Instance = new();

        public bool Equals(SkippedInput? x, SkippedInput? y) => x?.SourceName == y?.SourceName && x?.Reason == y?.Reason;

        public int GetHashCode(SkippedInput obj) => obj.SourceName.GetHashCode(StringComparison.Ordinal);
    }

    private static string? Reason(StudyReport study, string seriesUid) =>
        study.Series.Single(s => s.Series.SeriesInstanceUid == seriesUid).NotSelectedReason;
}
