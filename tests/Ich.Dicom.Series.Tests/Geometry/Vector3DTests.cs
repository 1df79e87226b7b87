using Ich.Dicom.Series.Geometry;

namespace Ich.Dicom.Series.Tests.Geometry;

public sealed class Vector3DTests
{
    [Fact]
    public void Cross_OfRowAndColumnOfStandardAxial_IsPatientZ()
    {
        var normal = new Vector3D(1, 0, 0).Cross(new Vector3D(0, 1, 0));

        Assert.Equal(Vector3D.UnitZ, normal);
    }

    [Fact]
    public void LineAngleDegrees_IgnoresDirectionSign()
    {
        var angle = new Vector3D(0, 0, -1).LineAngleDegrees(Vector3D.UnitZ);

        Assert.Equal(0, angle, 6);
    }

    [Fact]
    public void LineAngleDegrees_OfSagittalNormal_IsNinety()
    {
        var sagittalNormal = new Vector3D(0, 1, 0).Cross(new Vector3D(0, 0, -1));

        Assert.Equal(90, sagittalNormal.LineAngleDegrees(Vector3D.UnitZ), 6);
    }

    [Fact]
    public void Normalized_ZeroVector_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Vector3D(0, 0, 0).Normalized());
    }
}
