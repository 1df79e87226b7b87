using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Slices;
using Ich.Dicom.Series.Tests.Support;
using Ich.Dicom.Series.Volumes;

namespace Ich.Dicom.Series.Tests.Volumes;

/// <summary>The inconsistent 12-bit rescale quirk, on files written by the project's own writer.</summary>
public sealed class RescaleRepairTests
{
    private static readonly RsnaStyleSeries Consistent = new() { Slices = 12 };
    private static readonly RsnaStyleSeries Quirk = Consistent with { InconsistentRescale = true, QuirkIntercept = 0 };

    [Fact]
    public void Build_InconsistentTwelveBitSeries_IsRepairedToTrueHounsfieldUnits()
    {
        using var folder = new TempFolder();
        Quirk.WriteTo(folder.Path);

        var volume = Support.Volumes.BuildSelected(folder.Path);

        for (var slice = 0; slice < volume.Depth; slice++)
        {
            var pixels = volume.Slice(slice).Span;
            for (var i = 0; i < pixels.Length; i++)
            {
                Assert.Equal(Quirk.Hounsfield(slice, i / volume.Width, i % volume.Width), pixels[i]);
            }
        }

        Assert.Equal(-1000f, volume.Hounsfield.Min());
    }

    [Fact]
    public void Build_InconsistentTwelveBitSeries_RecordsARepairWarningNamingTheSlices()
    {
        using var folder = new TempFolder();
        Quirk.WriteTo(folder.Path);

        var volume = Support.Volumes.BuildSelected(folder.Path);

        var problem = Assert.Single(volume.Problems);
        Assert.Equal(SeriesProblemKind.RescaleRepaired, problem.Kind);
        Assert.Equal(SeriesProblemSeverity.Warning, problem.Severity);
        Assert.StartsWith("inconsistent 12-bit rescale repaired in 12 slice(s): 'ID_", problem.Message);
    }

    [Fact]
    public void Build_ConsistentTwelveBitSeries_IsUntouchedAndUnwarned()
    {
        using var folder = new TempFolder();
        Consistent.WriteTo(folder.Path);

        var volume = Support.Volumes.BuildSelected(folder.Path);

        Assert.Empty(volume.Problems);
        Assert.Equal(Consistent.Hounsfield(0, 0, 0), volume.Hounsfield[0]);
        Assert.Equal(Consistent.Hounsfield(3, 16, 16), volume.Slice(3).Span[(16 * volume.Width) + 16]);
    }

    [Fact]
    public void Build_SignatureWithoutPlausibleAir_IsLeftAsIsWithAWarning()
    {
        using var folder = new TempFolder();
        var noAir = Quirk with { WithAir = false };
        noAir.WriteTo(folder.Path);

        var volume = Support.Volumes.BuildSelected(folder.Path);

        // Left as is: HU = stored + intercept 0 = the written value for the non-negative values of this image.
        Assert.Equal(noAir.Hounsfield(0, 0, 0), volume.Hounsfield[0]);
        Assert.Equal(noAir.Hounsfield(2, 16, 16), volume.Slice(2).Span[(16 * volume.Width) + 16]);
        Assert.Equal(SeriesProblemKind.InconsistentRescale, Assert.Single(volume.Problems).Kind);
    }

    [Fact]
    public void Read_InconsistentIsolatedSlice_IsRepairedWithAWarningOnTheSlice()
    {
        using var folder = new TempFolder();
        var path = Quirk.WriteTo(folder.Path)[4];

        var slice = Assert.Single(SliceCollection.Read(path)).Slice!;

        Assert.Equal([RescaleRepair.RepairedWarning], slice.Warnings);
        Assert.Equal(-1000f, slice.Hounsfield[0]);
        Assert.Equal(Quirk.Hounsfield(4, 16, 16), slice.Hounsfield[(16 * slice.Columns) + 16]);
    }

    [Fact]
    public void Applies_ConsistentInterceptOrSignedOrOtherDepth_IsFalse()
    {
        var twelveBit = new Pixels.PixelFormat(2, 2, 1, 16, 12, 11, false, "MONOCHROME2", 0);

        Assert.True(RescaleRepair.Applies(twelveBit, new Pixels.Hounsfield.RescaleParameters(1, 0)));
        Assert.False(RescaleRepair.Applies(twelveBit, new Pixels.Hounsfield.RescaleParameters(1, -1024)));
        Assert.False(RescaleRepair.Applies(twelveBit, new Pixels.Hounsfield.RescaleParameters(2, 0)));
        Assert.False(RescaleRepair.Applies(twelveBit with { IsSigned = true }, new Pixels.Hounsfield.RescaleParameters(1, 0)));
        Assert.False(RescaleRepair.Applies(twelveBit with { BitsStored = 16, HighBit = 15 }, new Pixels.Hounsfield.RescaleParameters(1, 0)));
    }
}
