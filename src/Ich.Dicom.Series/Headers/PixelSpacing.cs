namespace Ich.Dicom.Series.Headers;

/// <summary>In-plane pixel spacing in millimetres, in DICOM's order (PixelSpacing = row spacing \ column spacing).</summary>
/// <param name="Row">Distance between the centres of adjacent rows (the vertical pixel size).</param>
/// <param name="Column">Distance between the centres of adjacent columns (the horizontal pixel size).</param>
public readonly record struct PixelSpacing(double Row, double Column)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Row:0.###} × {Column:0.###} mm");
}
