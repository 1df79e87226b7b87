using Ich.Dicom.Series.Geometry;
using Ich.Dicom.Series.Headers;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Selection;

namespace Ich.Dicom.Series.Tests.Support;

/// <summary>In-memory slice headers for rule tests that need no pixel data.</summary>
internal static class TestSlices
{
    public static SliceHeader Axial(int index, double spacing = 5.0, string series = "1.2.3.1", string? sop = null) => new()
    {
        Source = $"slice{index:000}.dcm",
        StudyInstanceUid = "1.2.3",
        SeriesInstanceUid = series,
        SopInstanceUid = sop ?? $"{series}.{index}",
        Modality = "CT",
        ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"],
        SeriesNumber = 2,
        SeriesDescription = "Head",
        InstanceNumber = index + 1,
        ImagePosition = new Vector3D(-120, -120, index * spacing),
        RowDirection = new Vector3D(1, 0, 0),
        ColumnDirection = new Vector3D(0, 1, 0),
        PixelSpacing = new PixelSpacing(0.5, 0.5),
        SliceThickness = spacing,
        ConvolutionKernel = "H31s",
        Rows = 512,
        Columns = 512,
        TransferSyntaxUid = "1.2.840.10008.1.2.1",
    };

    public static DicomSeries Series(int count, double spacing = 5.0, Func<SliceHeader, SliceHeader>? change = null) =>
        new(Enumerable.Range(0, count).Select(i => Axial(i, spacing)).Select(change ?? (h => h)).ToArray());
}
