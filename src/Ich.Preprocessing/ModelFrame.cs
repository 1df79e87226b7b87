using System.Text.Json.Serialization;

namespace Ich.Preprocessing;

/// <summary>
/// How model pixels relate to source pixels: the square field centred on the head, its pixel size and the extra
/// transform. Used to resample the input and to bring model-resolution maps (Grad-CAM) back onto the original slices.
/// </summary>
public sealed record ModelFrame
{
    /// <summary>Model input rows = columns.</summary>
    public required int Size { get; init; }

    /// <summary>Field side, mm.</summary>
    public required double FieldOfViewMm { get; init; }

    /// <summary>Head centre, source column.</summary>
    public required double CentreColumn { get; init; }

    /// <summary>Head centre, source row.</summary>
    public required double CentreRow { get; init; }

    /// <summary>Source column spacing, mm.</summary>
    public required double ColumnSpacingMm { get; init; }

    /// <summary>Source row spacing, mm.</summary>
    public required double RowSpacingMm { get; init; }

    /// <summary>The extra in-plane transform (identity when serving).</summary>
    public required InPlaneTransform Transform { get; init; }

    /// <summary>Model pixel size, mm (before the transform's scale).</summary>
    [JsonIgnore]
    public double PixelSpacingMm => FieldOfViewMm / Size;

    /// <summary>The source (column, row) at the centre of model pixel (<paramref name="modelColumn"/>, <paramref name="modelRow"/>); fractional model coordinates are allowed.</summary>
    public (double Column, double Row) ToSource(double modelColumn, double modelRow)
    {
        var x = (modelColumn + 0.5 - Size / 2.0) * PixelSpacingMm - Transform.ShiftColumnsMm;
        var y = (modelRow + 0.5 - Size / 2.0) * PixelSpacingMm - Transform.ShiftRowsMm;
        x /= Transform.Scale;
        y /= Transform.Scale;
        if (Transform.RotationDegrees != 0f)
        {
            // Undo a counter-clockwise on-screen rotation (rows grow downwards, so the sign of the angle flips).
            var angle = Transform.RotationDegrees * Math.PI / 180.0;
            var (sin, cos) = Math.SinCos(angle);
            (x, y) = (cos * x - sin * y, sin * x + cos * y);
        }

        if (Transform.FlipLeftRight) x = -x;
        return (CentreColumn + x / ColumnSpacingMm, CentreRow + y / RowSpacingMm);
    }

    /// <summary>The model (column, row) of source pixel (<paramref name="column"/>, <paramref name="row"/>): the inverse of <see cref="ToSource"/>.</summary>
    public (double Column, double Row) ToModel(double column, double row)
    {
        var x = (column - CentreColumn) * ColumnSpacingMm;
        var y = (row - CentreRow) * RowSpacingMm;
        if (Transform.FlipLeftRight) x = -x;
        if (Transform.RotationDegrees != 0f)
        {
            var angle = Transform.RotationDegrees * Math.PI / 180.0;
            var (sin, cos) = Math.SinCos(angle);
            (x, y) = (cos * x + sin * y, -sin * x + cos * y);
        }

        x = x * Transform.Scale + Transform.ShiftColumnsMm;
        y = y * Transform.Scale + Transform.ShiftRowsMm;
        return (x / PixelSpacingMm + Size / 2.0 - 0.5, y / PixelSpacingMm + Size / 2.0 - 0.5);
    }
}
