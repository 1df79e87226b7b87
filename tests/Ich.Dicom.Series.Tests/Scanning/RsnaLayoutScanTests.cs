using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Tests.Support;
using Ich.Dicom.Series.Volumes;

namespace Ich.Dicom.Series.Tests.Scanning;

/// <summary>The RSNA 2019 layout: one flat folder of single-slice files from many studies, with that collection's quirks.</summary>
public sealed class RsnaLayoutScanTests
{
    private static readonly RsnaStyleSeries[] Collection =
        [.. from study in Enumerable.Range(0, 3) from series in Enumerable.Range(0, 2) select new RsnaStyleSeries { Study = study, SeriesIndex = series }];

    [Fact]
    public void GivenFlatFolderOfThreeStudiesTimesTwoSeries_WhenScanned_ThenEachStudyHasBothSeriesInPositionOrder()
    {
        using var folder = new TempFolder();
        foreach (var series in Collection) series.WriteTo(folder.Path);

        var result = SeriesScanner.Scan(folder.Path);

        Assert.Empty(result.Skipped);
        Assert.Equal(Collection.Select(s => s.StudyUid).Distinct().Order(StringComparer.Ordinal), result.Studies.Select(s => s.StudyInstanceUid));
        foreach (var study in result.Studies)
        {
            var expected = Collection.Where(s => s.StudyUid == study.StudyInstanceUid).ToArray();
            Assert.Equal(expected.Select(s => s.SeriesUid).Order(StringComparer.Ordinal),
                study.Series.Select(s => s.Series.SeriesInstanceUid).Order(StringComparer.Ordinal));
            Assert.All(study.Series, s => Assert.Equal(30, s.Series.InstanceCount));
            var selected = Assert.IsType<Ich.Dicom.Series.Assembly.SeriesAssembly>(study.Selected);
            var source = expected.Single(s => s.SeriesUid == selected.Series.SeriesInstanceUid);
            Assert.Equal(Enumerable.Range(0, 30).Select(source.SopUid), selected.Slices.Select(s => s.Header.SopInstanceUid));
            Assert.Empty(selected.Problems);
        }
    }

    [Fact]
    public void GivenNoImageTypeThicknessKernelOrInstanceNumber_WhenScanned_ThenSeriesIsEligibleWithThicknessFromPositions()
    {
        using var folder = new TempFolder();
        Collection[0].WriteTo(folder.Path);

        var series = Assert.Single(Assert.Single(SeriesScanner.Scan(folder.Path).Studies).Series);

        Assert.True(series.IsSelected, series.NotSelectedReason);
        Assert.Empty(series.Series.First.ImageType);
        Assert.Null(series.Series.First.SliceThickness);
        Assert.Null(series.Series.First.InstanceNumber);
        Assert.Equal(5.0, series.Series.SliceThickness!.Value, 6);
        Assert.True(series.Series.IsSliceThicknessDerived);
        Assert.True(series.Assessment.ThicknessPreferred);
    }

    [Fact]
    public void GivenIdHexUidsAndSopClassOnlyInFileMeta_WhenBuilt_ThenVolumeCarriesTheIdentifiersAndTrueHounsfieldUnits()
    {
        using var folder = new TempFolder();
        var source = Collection[1];
        source.WriteTo(folder.Path);

        var volume = Support.Volumes.BuildSelected(folder.Path);

        Assert.Equal(Enumerable.Range(0, 30).Select(source.SopUid), volume.SopInstanceUids);
        Assert.All(volume.SopInstanceUids, uid => Assert.StartsWith("ID_", uid));
        for (var slice = 0; slice < volume.Depth; slice++)
        {
            Assert.Equal(source.Hounsfield(slice, 16, 16), volume.Slice(slice).Span[(16 * volume.Width) + 16]);
            Assert.Equal(source.Hounsfield(slice, 0, 3), volume.Slice(slice).Span[3]);
        }
    }
}
