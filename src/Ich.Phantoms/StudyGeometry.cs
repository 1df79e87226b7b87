using System.Numerics;

namespace Ich.Phantoms;

/// <summary>
/// Where the voxels of a phantom study lie, in DICOM patient coordinates (LPS, mm): axial slices,
/// ImageOrientationPatient [1,0,0,0,1,0], slice <c>k</c> at height <see cref="SliceZ"/>[k], ascending from the skull base.
/// </summary>
public sealed class StudyGeometry
{
    private readonly Matrix4x4 _headToPatient;
    private readonly Matrix4x4 _patientToHead;

    internal StudyGeometry(int matrix, float pixelSpacingMm, float sliceThicknessMm, float firstSliceZ, int sliceCount,
        Vector3 headCentre, Quaternion headRotation, float headScale = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(headScale);
        ArgumentOutOfRangeException.ThrowIfLessThan(matrix, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(sliceCount, 1);
        Matrix = matrix;
        PixelSpacingMm = pixelSpacingMm;
        SliceThicknessMm = sliceThicknessMm;
        SliceCount = sliceCount;
        var z = new float[sliceCount];
        for (var k = 0; k < sliceCount; k++) z[k] = firstSliceZ + k * sliceThicknessMm;
        SliceZ = z;
        HeadCentre = headCentre;
        HeadRotation = headRotation;
        HeadScale = headScale;
        _headToPatient = Matrix4x4.CreateScale(headScale) * Matrix4x4.CreateFromQuaternion(headRotation) * Matrix4x4.CreateTranslation(headCentre);
        Matrix4x4.Invert(_headToPatient, out _patientToHead);
    }

    /// <summary>Rows = columns of every slice.</summary>
    public int Matrix { get; }

    /// <summary>In-plane pixel spacing, mm (rows and columns).</summary>
    public float PixelSpacingMm { get; }

    /// <summary>Slice thickness = spacing between slice centres, mm.</summary>
    public float SliceThicknessMm { get; }

    /// <summary>Number of slices.</summary>
    public int SliceCount { get; }

    /// <summary>Patient z of each slice centre, mm, ascending.</summary>
    public IReadOnlyList<float> SliceZ { get; }

    /// <summary>Patient x and y of the centre of the top-left pixel (ImagePositionPatient x, y).</summary>
    public Vector2 FirstPixelCentre => new(-FieldOfViewMm / 2f + PixelSpacingMm / 2f, -FieldOfViewMm / 2f + PixelSpacingMm / 2f);

    /// <summary>Reconstruction field of view, mm.</summary>
    public float FieldOfViewMm => Matrix * PixelSpacingMm;

    /// <summary>Where the head-frame origin sits in patient coordinates.</summary>
    public Vector3 HeadCentre { get; }

    /// <summary>Rotation of the head frame relative to the patient axes (a few degrees about each axis).</summary>
    public Quaternion HeadRotation { get; }

    /// <summary>Patient mm per head-frame mm: the subject's head is the reference head enlarged by this factor.</summary>
    public float HeadScale { get; }

    /// <summary>ImagePositionPatient of slice <paramref name="slice"/>.</summary>
    public Vector3 ImagePosition(int slice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slice);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slice, SliceCount);
        var xy = FirstPixelCentre;
        return new(xy.X, xy.Y, SliceZ[slice]);
    }

    /// <summary>Patient coordinates of the centre of pixel (column, row) in slice <paramref name="slice"/>.</summary>
    public Vector3 PixelToPatient(float column, float row, float slice)
    {
        var xy = FirstPixelCentre;
        return new(xy.X + column * PixelSpacingMm, xy.Y + row * PixelSpacingMm, SliceZ[0] + slice * SliceThicknessMm);
    }

    /// <summary>Continuous (column, row, slice) index of a patient point.</summary>
    public Vector3 PatientToPixel(Vector3 patient)
    {
        var xy = FirstPixelCentre;
        return new((patient.X - xy.X) / PixelSpacingMm, (patient.Y - xy.Y) / PixelSpacingMm, (patient.Z - SliceZ[0]) / SliceThicknessMm);
    }

    /// <summary>Head-frame point (mm; x = left, y = posterior, z = superior) → patient coordinates.</summary>
    public Vector3 HeadToPatient(Vector3 head) => Vector3.Transform(head, _headToPatient);

    /// <summary>Patient coordinates → head frame.</summary>
    public Vector3 PatientToHead(Vector3 patient) => Vector3.Transform(patient, _patientToHead);

    /// <summary>A head-frame direction (no translation) for a patient-frame direction.</summary>
    internal Vector3 PatientDirectionToHead(Vector3 direction) => Vector3.TransformNormal(direction, _patientToHead);
}
