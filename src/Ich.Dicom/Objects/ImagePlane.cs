namespace Ich.Dicom.Objects;

/// <summary>
/// Where a slice lies (the Image Plane module, PS3.3 C.7.6.2): the centre of its first pixel, the directions of its
/// rows and columns, the pixel spacing and the slice thickness.
/// </summary>
/// <param name="Position">Image Position (Patient) (0020,0032): the centre of the top-left pixel, in mm.</param>
/// <param name="RowDirection">Direction along a row (left to right on screen), a unit vector.</param>
/// <param name="ColumnDirection">Direction down a column (top to bottom on screen), a unit vector orthogonal to the row direction.</param>
/// <param name="RowSpacing">Distance between the centres of adjacent rows, in mm (first value of Pixel Spacing).</param>
/// <param name="ColumnSpacing">Distance between the centres of adjacent columns, in mm (second value of Pixel Spacing).</param>
/// <param name="SliceThickness">Slice Thickness (0018,0050), in mm.</param>
public sealed record ImagePlane(
    PatientVector Position,
    PatientVector RowDirection,
    PatientVector ColumnDirection,
    double RowSpacing,
    double ColumnSpacing,
    double SliceThickness)
{
    /// <summary>How far direction cosines may be from unit length and orthogonality (values are written rounded).</summary>
    private const double CosineTolerance = 1e-4;

    /// <summary>An axial slice of a head-first supine patient: rows run to the patient's left, columns to the back.</summary>
    public static ImagePlane Axial(PatientVector position, double pixelSpacing, double sliceThickness) =>
        new(position, new PatientVector(1, 0, 0), new PatientVector(0, 1, 0), pixelSpacing, pixelSpacing, sliceThickness);

    internal void WriteTo(DicomDataset dataset)
    {
        if (!Position.IsFinite) throw new ArgumentException("Image Position (Patient) must be finite.", nameof(Position));
        CheckUnit(RowDirection, nameof(RowDirection));
        CheckUnit(ColumnDirection, nameof(ColumnDirection));
        if (Math.Abs(RowDirection.Dot(ColumnDirection)) > CosineTolerance)
        {
            throw new ArgumentException("The row and column directions must be orthogonal.", nameof(ColumnDirection));
        }
        CheckPositive(RowSpacing, nameof(RowSpacing));
        CheckPositive(ColumnSpacing, nameof(ColumnSpacing));
        CheckPositive(SliceThickness, nameof(SliceThickness));

        dataset.SetNumbers(DicomTags.PixelSpacing, DicomVR.DS, RowSpacing, ColumnSpacing);
        dataset.SetNumbers(DicomTags.ImageOrientationPatient, DicomVR.DS,
            RowDirection.X, RowDirection.Y, RowDirection.Z, ColumnDirection.X, ColumnDirection.Y, ColumnDirection.Z);
        dataset.SetNumbers(DicomTags.ImagePositionPatient, DicomVR.DS, Position.X, Position.Y, Position.Z);
        dataset.SetNumbers(DicomTags.SliceThickness, DicomVR.DS, SliceThickness);
    }

    private static void CheckUnit(PatientVector direction, string name)
    {
        if (!direction.IsFinite || Math.Abs(direction.Length - 1) > CosineTolerance)
        {
            throw new ArgumentException($"{name} must be a unit vector (direction cosines).", name);
        }
    }

    private static void CheckPositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive number of millimetres.");
    }
}
