using Ich.Dicom.Series.Inputs;
using System.Diagnostics;
using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Tests.Support;
using Ich.Dicom.Series.Volumes;

namespace Ich.Dicom.Series.Tests.Volumes;

public sealed class CtVolumeBuilderTests
{
    private static readonly SyntheticCtSeries Series = new() { RescaleSlope = 2, RescaleIntercept = -1000 };

    [Fact]
    public void Build_ShuffledSeries_HoldsHounsfieldUnitsInPositionOrder()
    {
        using var folder = new TempFolder();
        Series.WriteTo(folder.Path);

        var volume = Support.Volumes.BuildSelected(folder.Path);

        Assert.Equal((Series.Columns, Series.Rows, Series.Slices), (volume.Width, volume.Height, volume.Depth));
        for (var slice = 0; slice < Series.Slices; slice++)
        {
            Assert.Equal(Series.SopUid(slice), volume.SopInstanceUids[slice]);
            foreach (var (row, column) in new[] { (0, 0), (5, 17), (31, 31) })
            {
                var expected = SyntheticCtSeries.StoredValue(slice, row, column) * 2f - 1000f;
                Assert.Equal(expected, volume.Hounsfield[(slice * volume.Height + row) * volume.Width + column]);
            }
        }
    }

    [Fact]
    public void Build_SeriesGeometry_IsCarriedIntoTheVolume()
    {
        using var folder = new TempFolder();
        Series.WriteTo(folder.Path);

        var volume = Support.Volumes.BuildSelected(folder.Path);

        Assert.Equal(new Ich.Dicom.Series.Headers.PixelSpacing(0.5, 0.5), volume.PixelSpacing);
        Assert.Equal(5.0, volume.SliceSpacing, 6);
        Assert.Equal(Enumerable.Range(0, Series.Slices).Select(i => i * 5.0), volume.SlicePositions);
        Assert.All(volume.SourceNames, name => Assert.EndsWith(".dcm", name));
    }

    [Fact]
    public void Build_InParallel_EqualsSingleThreaded()
    {
        using var folder = new TempFolder();
        Series.WriteTo(folder.Path);

        var serial = Support.Volumes.BuildSelected(folder.Path);
        var parallel = Support.Volumes.BuildSelected(folder.Path, maxDegreeOfParallelism: 4);

        Assert.Equal(serial.Hounsfield, parallel.Hounsfield);
    }

    [Fact]
    public void Build_SliceWithTruncatedPixelData_FailsNamingTheSlice()
    {
        using var folder = new TempFolder();
        var paths = Series.WriteTo(folder.Path);
        var bytes = File.ReadAllBytes(paths[4]);
        File.WriteAllBytes(paths[4], bytes[..^100]);

        var error = Assert.Throws<VolumeBuildException>(() => Support.Volumes.BuildSelected(folder.Path));

        Assert.Contains($"slice 5 of 12 ('{Path.GetFileName(paths[4])}')", error.Message);
    }

    [Fact]
    public void Build_UnusableSeries_Throws()
    {
        using var folder = new TempFolder();
        Series.WriteTo(folder.Path, Enumerable.Range(0, Series.Slices).Where(i => i != 6));
        using var upload = Upload.Open(folder.Path);
        var report = SeriesScanner.Scan(upload).Studies.Single().Series.Single();

        var error = Assert.Throws<VolumeBuildException>(() => CtVolumeBuilder.Build(report.Assembly!, upload));

        Assert.Contains("slices are missing", error.Message);
    }

    [Fact]
    public void Build_JpegLsCompressedSeries_EqualsTheUncompressedOne()
    {
        using var folder = new TempFolder();
        var paths = Series.WriteTo(folder.Combine("raw"));
        var compressed = Directory.CreateDirectory(folder.Combine("jls")).FullName;
        foreach (var path in paths) Dcmtk("dcmcjpls", path, Path.Combine(compressed, Path.GetFileName(path)));

        var expected = Support.Volumes.BuildSelected(folder.Combine("raw"));
        var actual = Support.Volumes.BuildSelected(compressed);

        Assert.Equal("1.2.840.10008.1.2.4.80", Select(compressed).Slices[0].Header.TransferSyntaxUid);
        Assert.Equal(expected.Hounsfield, actual.Hounsfield);
    }

    private static SeriesAssembly Select(string folder)
    {
        var selected = SeriesScanner.Scan(folder).Studies.Single().Selected;
        Assert.NotNull(selected);
        return selected;
    }

    private static void Dcmtk(string tool, string input, string output)
    {
        ProcessStartInfo start = new(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(input);
        start.ArgumentList.Add(output);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' (dcmtk) is not installed: run ./build.sh deps.", e);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {errors}");
        }
    }
}
