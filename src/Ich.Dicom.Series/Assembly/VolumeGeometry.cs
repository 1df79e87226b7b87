using Ich.Dicom.Series.Geometry;
using Ich.Dicom.Series.Headers;

namespace Ich.Dicom.Series.Assembly;

/// <summary>Where an assembled stack of slices lies in the patient (LPS, mm).</summary>
/// <param name="Rows">Pixel rows per slice (the volume's height).</param>
/// <param name="Columns">Pixel columns per slice (the volume's width).</param>
/// <param name="PixelSpacing">In-plane spacing.</param>
/// <param name="RowDirection">Direction of increasing column index.</param>
/// <param name="ColumnDirection">Direction of increasing row index.</param>
/// <param name="Normal">Slice normal, RowDirection × ColumnDirection; slices are stacked along it in increasing order.</param>
/// <param name="SliceSpacing">Median distance between adjacent slice positions, mm.</param>
/// <param name="TiltDegrees">Angle between the stacking direction and the normal (0 without gantry tilt).</param>
public sealed record VolumeGeometry(
    int Rows,
    int Columns,
    PixelSpacing PixelSpacing,
    Vector3D RowDirection,
    Vector3D ColumnDirection,
    Vector3D Normal,
    double SliceSpacing,
    double TiltDegrees);
