namespace Ich.Dicom.Objects;

/// <summary>A point or direction in the patient coordinate system (millimetres; +x left, +y posterior, +z head).</summary>
/// <param name="X">Towards the patient's left.</param>
/// <param name="Y">Towards the patient's back.</param>
/// <param name="Z">Towards the patient's head.</param>
public readonly record struct PatientVector(double X, double Y, double Z)
{
    /// <summary>The Euclidean length.</summary>
    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    /// <summary>The dot product with <paramref name="other"/>.</summary>
    public double Dot(PatientVector other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    /// <summary>
    /// The Patient Orientation (0020,0020) letters of this direction (PS3.3 C.7.6.1.1.1): L/R, P/A, H/F for the
    /// axes it has a component along, largest component first, e.g. "L" for (1, 0, 0) or "PF" for a tilted column.
    /// </summary>
    public string ToOrientationLetters()
    {
        (double Size, char Letter)[] axes =
        [
            (Math.Abs(X), X >= 0 ? 'L' : 'R'),
            (Math.Abs(Y), Y >= 0 ? 'P' : 'A'),
            (Math.Abs(Z), Z >= 0 ? 'H' : 'F'),
        ];
        // Components below 1e-4 are rounding noise of direction cosines, not a direction.
        return new string(axes.Where(a => a.Size > 1e-4).OrderByDescending(a => a.Size).Select(a => a.Letter).ToArray());
    }

    internal bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);
}
