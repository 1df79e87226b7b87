using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Geometry;
using Ich.Dicom.Series.Headers;
using Ich.Dicom.Series.Selection;
using Ich.Dicom.Series.Tests.Support;

namespace Ich.Dicom.Series.Tests.Assembly;

public sealed class SeriesAssemblerTests
{
    [Fact]
    public void Assemble_ShuffledSlices_OrdersByPositionAlongNormal()
    {
        var slices = TestSlices.Series(12).Slices.OrderBy(s => s.SopInstanceUid.GetHashCode(StringComparison.Ordinal)).ToArray();
        // Instance numbers deliberately run against the positions: ordering must not use them.
        var series = new DicomSeries(slices.Select(s => s with { InstanceNumber = 100 - s.InstanceNumber }).ToArray());

        var assembly = SeriesAssembler.Assemble(series);

        Assert.True(assembly.IsUsable, assembly.UnusableReason);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 5.0), assembly.Slices.Select(s => s.Position));
        Assert.Equal(5.0, assembly.Geometry!.SliceSpacing);
        Assert.Empty(assembly.Problems);
    }

    [Fact]
    public void Assemble_FlippedColumnDirection_StacksAlongTheFlippedNormal()
    {
        // Column direction pointing anterior flips the normal to feet-ward: order follows the normal, not z.
        var series = TestSlices.Series(12, change: h => h with { ColumnDirection = new Vector3D(0, -1, 0) });

        var assembly = SeriesAssembler.Assemble(series);

        var zs = assembly.Slices.Select(s => s.Header.ImagePosition!.Value.Z).ToArray();
        Assert.Equal(zs.OrderDescending(), zs);
    }

    [Fact]
    public void Assemble_MissingSlice_IsFatal()
    {
        var series = new DicomSeries(TestSlices.Series(12).Slices.Where(s => s.InstanceNumber != 6).ToArray());

        var assembly = SeriesAssembler.Assemble(series);

        Assert.False(assembly.IsUsable);
        var problem = Assert.Single(assembly.Problems);
        Assert.Equal(SeriesProblemKind.MissingSlices, problem.Kind);
        Assert.Contains("10 mm between 20 mm and 30 mm (about 1 slice(s))", problem.Message);
    }

    [Fact]
    public void Assemble_TwoInstancesAtOnePosition_IsFatal()
    {
        var slices = TestSlices.Series(12).Slices.Append(TestSlices.Axial(3) with { SopInstanceUid = "other" }).ToArray();

        var assembly = SeriesAssembler.Assemble(new DicomSeries(slices));

        Assert.False(assembly.IsUsable);
        Assert.Contains(assembly.Problems, p => p.Kind == SeriesProblemKind.DuplicatePosition && p.Severity == SeriesProblemSeverity.Fatal);
    }

    [Fact]
    public void Assemble_SecondCopyOfAnInstance_IsLeftOutWithAWarning()
    {
        var copy = TestSlices.Axial(3) with { Source = "copy/slice003.dcm" };
        var slices = TestSlices.Series(12).Slices.Append(copy).ToArray();

        var assembly = SeriesAssembler.Assemble(new DicomSeries(slices));

        Assert.True(assembly.IsUsable, assembly.UnusableReason);
        Assert.Equal(12, assembly.Slices.Count);
        var problem = Assert.Single(assembly.Problems);
        Assert.Equal(SeriesProblemKind.DuplicateInstance, problem.Kind);
        Assert.Contains("'slice003.dcm'", problem.Message);
    }

    [Fact]
    public void Assemble_UnevenSpacingWithoutGap_IsAWarning()
    {
        var series = TestSlices.Series(12, change: h => h.InstanceNumber == 7 ? h with { ImagePosition = h.ImagePosition!.Value + new Vector3D(0, 0, 1.5) } : h);

        var assembly = SeriesAssembler.Assemble(series);

        Assert.True(assembly.IsUsable, assembly.UnusableReason);
        Assert.Equal(SeriesProblemKind.UnevenSpacing, Assert.Single(assembly.Problems).Kind);
    }

    [Fact]
    public void Assemble_GantryTilt_IsAWarningWithTheAngle()
    {
        // Slices stacked along z while the image plane is tilted 20° about the x axis.
        var tilt = 20 * Math.PI / 180;
        var series = TestSlices.Series(12, change: h => h with
        {
            ColumnDirection = new Vector3D(0, Math.Cos(tilt), Math.Sin(tilt)),
            GantryTilt = 20,
        });

        var assembly = SeriesAssembler.Assemble(series);

        Assert.True(assembly.IsUsable, assembly.UnusableReason);
        var problem = Assert.Single(assembly.Problems);
        Assert.Equal(SeriesProblemKind.GantryTilt, problem.Kind);
        Assert.Contains("20°", problem.Message);
        Assert.Equal(20, assembly.Geometry!.TiltDegrees, 3);
    }

    [Fact]
    public void Assemble_TwentyFiveDegreeGantryTilt_IsAWarningNamingATiltedAcquisition()
    {
        var tilt = 25 * Math.PI / 180;
        var series = TestSlices.Series(30, change: h => h with
        {
            ColumnDirection = new Vector3D(0, Math.Cos(tilt), -Math.Sin(tilt)),
            GantryTilt = -25,
        });

        var assembly = SeriesAssembler.Assemble(series);

        Assert.True(assembly.IsUsable, assembly.UnusableReason);
        var problem = Assert.Single(assembly.Problems);
        Assert.Equal(SeriesProblemSeverity.Warning, problem.Severity);
        Assert.Contains("tilted axial acquisition", problem.Message);
        Assert.Equal(25, assembly.Geometry!.TiltDegrees, 3);
        Assert.Equal(5 * Math.Cos(tilt), assembly.Geometry.SliceSpacing, 3);
    }

    [Fact]
    public void Assemble_StackShearedBeyondThirtyDegrees_IsFatal()
    {
        var shear = Math.Tan(35 * Math.PI / 180);
        var series = TestSlices.Series(12, change: h => h with { ImagePosition = h.ImagePosition!.Value + new Vector3D(0, h.ImagePosition.Value.Z * shear, 0) });

        var assembly = SeriesAssembler.Assemble(series);

        Assert.False(assembly.IsUsable);
        Assert.Contains(assembly.Problems, p => p.Kind == SeriesProblemKind.GantryTilt && p.Severity == SeriesProblemSeverity.Fatal);
    }

    [Fact]
    public void Assemble_MixedImageSizes_IsFatal()
    {
        var series = TestSlices.Series(12, change: h => h.InstanceNumber == 4 ? h with { Rows = 256, Columns = 256 } : h);

        var assembly = SeriesAssembler.Assemble(series);

        Assert.Equal(SeriesProblemKind.MixedImageSizes, Assert.Single(assembly.Problems).Kind);
        Assert.False(assembly.IsUsable);
    }

    [Fact]
    public void Assemble_MixedOrientations_IsFatal()
    {
        var series = TestSlices.Series(12, change: h => h.InstanceNumber == 4 ? h with { RowDirection = new Vector3D(0, 1, 0), ColumnDirection = new Vector3D(0, 0, -1) } : h);

        var assembly = SeriesAssembler.Assemble(series);

        Assert.Equal(SeriesProblemKind.MixedOrientations, Assert.Single(assembly.Problems).Kind);
    }

    [Fact]
    public void Assemble_MixedPixelSpacing_IsFatal()
    {
        var series = TestSlices.Series(12, change: h => h.InstanceNumber == 4 ? h with { PixelSpacing = new PixelSpacing(0.45, 0.45) } : h);

        var assembly = SeriesAssembler.Assemble(series);

        Assert.Equal(SeriesProblemKind.MixedPixelSpacing, Assert.Single(assembly.Problems).Kind);
    }

    [Fact]
    public void Assemble_SliceWithoutPosition_IsFatal()
    {
        var series = TestSlices.Series(12, change: h => h.InstanceNumber == 4 ? h with { ImagePosition = null } : h);

        var assembly = SeriesAssembler.Assemble(series);

        Assert.Equal(SeriesProblemKind.MissingGeometry, Assert.Single(assembly.Problems).Kind);
        Assert.Contains("'slice003.dcm'", assembly.UnusableReason);
    }
}
