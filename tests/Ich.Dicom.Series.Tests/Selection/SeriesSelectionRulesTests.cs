using Ich.Dicom.Series.Geometry;
using Ich.Dicom.Series.Selection;
using Ich.Dicom.Series.Tests.Support;

namespace Ich.Dicom.Series.Tests.Selection;

public sealed class SeriesSelectionRulesTests
{
    [Fact]
    public void Assess_AxialSoftTissueCtSeries_IsEligible()
    {
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(30));

        Assert.True(assessment.IsEligible, assessment.RejectionReason);
        Assert.Equal(KernelClass.SoftTissue, assessment.Kernel);
        Assert.True(assessment.ThicknessPreferred);
    }

    [Fact]
    public void Assess_MrSeries_IsRejectedForModality()
    {
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h => h with { Modality = "MR" }));

        Assert.Contains("modality is 'MR'", assessment.RejectionReason);
    }

    [Fact]
    public void Assess_LocalizerSeries_IsRejected()
    {
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h => h with { ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"] }));

        Assert.Contains("localizer", assessment.RejectionReason);
    }

    [Fact]
    public void Assess_DerivedSeries_IsRejected()
    {
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h => h with { ImageType = ["DERIVED", "SECONDARY", "AXIAL"] }));

        Assert.Contains("not ORIGINAL\\PRIMARY", assessment.RejectionReason);
    }

    [Fact]
    public void Assess_AbsentImageType_IsEligible()
    {
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h => h with { ImageType = [] }));

        Assert.True(assessment.IsEligible, assessment.RejectionReason);
    }

    [Theory]
    [InlineData("DERIVED")]
    [InlineData("ORIGINAL", "SECONDARY")]
    [InlineData("DERIVED", "PRIMARY", "AXIAL")]
    public void Assess_ImageTypeSayingDerivedOrSecondary_IsRejected(params string[] imageType)
    {
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h => h with { ImageType = imageType }));

        Assert.Contains("(derived or secondary images)", assessment.RejectionReason);
    }

    [Fact]
    public void Assess_AbsentThickness_IsTakenFromThePositionSpacingForRanking()
    {
        var series = TestSlices.Series(30, spacing: 0.625, change: h => h with { SliceThickness = null });

        var assessment = SeriesSelectionRules.Assess(series);

        Assert.Equal(0.625, series.SliceThickness!.Value, 9);
        Assert.True(series.IsSliceThicknessDerived);
        Assert.False(assessment.ThicknessPreferred);
    }

    [Fact]
    public void Assess_StatedThickness_IsNotDerived()
    {
        var series = TestSlices.Series(30, spacing: 5, change: h => h with { SliceThickness = 3 });

        Assert.Equal(3.0, series.SliceThickness);
        Assert.False(series.IsSliceThicknessDerived);
    }

    [Fact]
    public void Assess_SagittalSeries_IsRejectedAsNotAxial()
    {
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h =>
            h with { RowDirection = new Vector3D(0, 1, 0), ColumnDirection = new Vector3D(0, 0, -1) }));

        Assert.Contains("not axial", assessment.RejectionReason);
    }

    [Fact]
    public void Assess_SeriesTiltedWithinTolerance_IsEligible()
    {
        var tenDegrees = 10 * Math.PI / 180;
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h =>
            h with { ColumnDirection = new Vector3D(0, Math.Cos(tenDegrees), -Math.Sin(tenDegrees)) }));

        Assert.True(assessment.IsEligible, assessment.RejectionReason);
    }

    [Fact]
    public void Assess_GantryTiltedAcquisitionWithItsTiltTag_IsEligibleUpToThirtyDegrees()
    {
        // Head CT tilted 25° along the orbitomeatal line: the plane's normal is 25° off z, the tag says so.
        var assessment = SeriesSelectionRules.Assess(Tilted(25, gantryTilt: -25, stackedAlongNormal: false));

        Assert.True(assessment.IsEligible, assessment.RejectionReason);
    }

    [Fact]
    public void Assess_TiltedPlanesStackedAlongTheTableWithoutATag_IsEligible()
    {
        var assessment = SeriesSelectionRules.Assess(Tilted(28, gantryTilt: null, stackedAlongNormal: false));

        Assert.True(assessment.IsEligible, assessment.RejectionReason);
    }

    [Fact]
    public void Assess_ObliqueReformat_IsNotAxial()
    {
        // Same plane angle, but no tilt tag and slices stacked along their own normal: a reformat, not an acquisition.
        var assessment = SeriesSelectionRules.Assess(Tilted(25, gantryTilt: null, stackedAlongNormal: true));

        Assert.Contains("not axial", assessment.RejectionReason);
        Assert.Contains("oblique reformat", assessment.RejectionReason);
    }

    [Fact]
    public void Assess_TiltTagThatDoesNotMatchThePlane_DoesNotMakeAReformatAxial()
    {
        var assessment = SeriesSelectionRules.Assess(Tilted(25, gantryTilt: 10, stackedAlongNormal: true));

        Assert.Contains("not axial", assessment.RejectionReason);
    }

    [Fact]
    public void Assess_TiltBeyondThirtyDegrees_IsRejected()
    {
        var assessment = SeriesSelectionRules.Assess(Tilted(35, gantryTilt: 35, stackedAlongNormal: false));

        Assert.Contains("not axial", assessment.RejectionReason);
        Assert.Contains("30", assessment.RejectionReason);
    }

    /// <summary>30 slices tilted <paramref name="degrees"/> about x, stacked along the table (z) or along their normal.</summary>
    private static DicomSeries Tilted(double degrees, double? gantryTilt, bool stackedAlongNormal)
    {
        var t = degrees * Math.PI / 180;
        var normal = new Vector3D(0, -Math.Sin(t), Math.Cos(t));
        return TestSlices.Series(30, change: h => h with
        {
            ColumnDirection = new Vector3D(0, Math.Cos(t), Math.Sin(t)),
            GantryTilt = gantryTilt,
            ImagePosition = stackedAlongNormal
                ? new Vector3D(-120, -120, 0) + new Vector3D(normal.X * h.ImagePosition!.Value.Z, normal.Y * h.ImagePosition.Value.Z, normal.Z * h.ImagePosition.Value.Z)
                : h.ImagePosition,
        });
    }

    [Fact]
    public void Assess_TooFewSlices_IsRejected()
    {
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(SeriesSelectionRules.MinimumSliceCount - 1));

        Assert.Contains("at least 10", assessment.RejectionReason);
    }

    [Fact]
    public void Assess_BoneKernel_IsRejected()
    {
        var assessment = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h => h with { ConvolutionKernel = "H70h" }));

        Assert.Contains("sharp (bone/lung) kernel 'H70h'", assessment.RejectionReason);
    }

    [Fact]
    public void Rank_SoftTissueKernel_BeatsUnknownKernelWithMoreSlices()
    {
        var soft = SeriesSelectionRules.Assess(TestSlices.Series(30));
        var unknown = SeriesSelectionRules.Assess(TestSlices.Series(60, change: h => h with { SeriesInstanceUid = "9", ConvolutionKernel = "FC21" }));

        var ranked = SeriesSelectionRules.Rank([unknown, soft]);

        Assert.Same(soft, ranked[0]);
        Assert.Contains("not a known soft-tissue kernel", SeriesSelectionRules.WhyRankedBelow(unknown, soft));
    }

    [Fact]
    public void Rank_PreferredThickness_BeatsThinSlices()
    {
        var five = SeriesSelectionRules.Assess(TestSlices.Series(30, spacing: 5));
        var thin = SeriesSelectionRules.Assess(TestSlices.Series(200, spacing: 0.625, change: h => h with { SeriesInstanceUid = "9" }));

        var ranked = SeriesSelectionRules.Rank([thin, five]);

        Assert.Same(five, ranked[0]);
        Assert.Contains("outside the preferred 2.5 mm–5 mm", SeriesSelectionRules.WhyRankedBelow(thin, five));
    }

    [Fact]
    public void Rank_EqualOtherwise_MoreInstancesWin()
    {
        var fewer = SeriesSelectionRules.Assess(TestSlices.Series(20));
        var more = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h => h with { SeriesInstanceUid = "9" }));

        var ranked = SeriesSelectionRules.Rank([fewer, more]);

        Assert.Same(more, ranked[0]);
        Assert.Contains("fewer instances (20 vs 30)", SeriesSelectionRules.WhyRankedBelow(fewer, more));
    }

    [Fact]
    public void Rank_LeavesOutIneligibleSeries()
    {
        var bone = SeriesSelectionRules.Assess(TestSlices.Series(30, change: h => h with { ConvolutionKernel = "BONE" }));

        Assert.Empty(SeriesSelectionRules.Rank([bone]));
    }
}
