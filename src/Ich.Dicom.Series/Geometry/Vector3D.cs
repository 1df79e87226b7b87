namespace Ich.Dicom.Series.Geometry;

/// <summary>A vector in the DICOM patient coordinate system (LPS, millimetres).</summary>
/// <param name="X">Towards the patient's left.</param>
/// <param name="Y">Towards the patient's posterior.</param>
/// <param name="Z">Towards the patient's head.</param>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    /// <summary>The patient's z axis (feet to head).</summary>
    public static Vector3D UnitZ { get; } = new(0, 0, 1);

    /// <summary>Euclidean length.</summary>
    public double Length => Math.Sqrt(Dot(this));

    /// <summary>Scalar product.</summary>
    public double Dot(Vector3D other) => X * other.X + Y * other.Y + Z * other.Z;

    /// <summary>Vector product (right-handed).</summary>
    public Vector3D Cross(Vector3D other) =>
        new(Y * other.Z - Z * other.Y, Z * other.X - X * other.Z, X * other.Y - Y * other.X);

    /// <summary>This vector scaled to length 1.</summary>
    /// <exception cref="InvalidOperationException">The vector has (near) zero length.</exception>
    public Vector3D Normalized()
    {
        var length = Length;
        if (length < 1e-9) throw new InvalidOperationException("A zero-length vector has no direction.");
        return new Vector3D(X / length, Y / length, Z / length);
    }

    /// <summary>The unsigned angle between the two lines the vectors span, in degrees (0–90: direction sign ignored).</summary>
    public double LineAngleDegrees(Vector3D other)
    {
        var cos = Math.Abs(Dot(other)) / (Length * other.Length);
        return Math.Acos(Math.Min(1.0, cos)) * 180.0 / Math.PI;
    }

    /// <summary>Difference of two vectors.</summary>
    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Sum of two vectors.</summary>
    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Scaled vector.</summary>
    public static Vector3D operator *(Vector3D a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({X:0.###}, {Y:0.###}, {Z:0.###})");
}
