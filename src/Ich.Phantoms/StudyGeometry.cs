using System.Numerics;

namespace Ich.Phantoms;

/// <summary>
/// Where the voxels of a phantom study lie, in DICOM patient coordinates (LPS, mm), as a scanner writes them:
/// rows along patient x (<see cref="RowDirection"/> [1, 0, 0]), columns along [0, cos t, sin t] for gantry tilt t
/// (the slices are planes tilted about the left–right axis), and slice <c>k</c> crossing the table axis
/// (x = y = 0, the image centre) at height <see cref="SliceZ"/>[k], ascending from the skull base: the stack moves
/// along the table (patient z) by <see cref="TableIncrementMm"/>, so planes lie <see cref="SliceThicknessMm"/> apart
/// along their normal. Without tilt this is the plain axial stack, ImageOrientationPatient [1,0,0,0,1,0].
/// </summary>
public sealed class StudyGeometry
{
    private readonly Matrix4x4 _headToPatient;
    private readonly Matrix4x4 _patientToHead;
    private readonly float _cos, _sin;

    internal StudyGeometry(int matrix, float pixelSpacingMm, float sliceThicknessMm, float firstSliceZ, int sliceCount,
        Vector3 headCentre, Quaternion headRotation, float gantryTiltDegrees = 0f, float headScale = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(headScale);
        ArgumentOutOfRangeException.ThrowIfLessThan(matrix, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(sliceCount, 1);
        if (!(MathF.Abs(gantryTiltDegrees) <= PhantomOptions.MaxGantryTiltDegrees))
            throw new ArgumentOutOfRangeException(nameof(gantryTiltDegrees), gantryTiltDegrees, "Gantry tilt must lie within ±30°.");
        Matrix = matrix;
        PixelSpacingMm = pixelSpacingMm;
        SliceThicknessMm = sliceThicknessMm;
        SliceCount = sliceCount;
        GantryTiltDegrees = gantryTiltDegrees;
        (_sin, _cos) = MathF.SinCos(gantryTiltDegrees * MathF.PI / 180f);
        TableIncrementMm = sliceThicknessMm / _cos;
        var z = new float[sliceCount];
        for (var k = 0; k < sliceCount; k++) z[k] = firstSliceZ + k * TableIncrementMm;
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

    /// <summary>Slice thickness = spacing between slice planes along their normal, mm.</summary>
    public float SliceThicknessMm { get; }

    /// <summary>Number of slices.</summary>
    public int SliceCount { get; }

    /// <summary>Gantry/Detector Tilt, degrees (0: axial); negative raises the anterior edge of the slices.</summary>
    public float GantryTiltDegrees { get; }

    /// <summary>Table travel between slices (along patient z), mm: the thickness / cos(tilt).</summary>
    public float TableIncrementMm { get; }

    /// <summary>Patient z where each slice crosses the table axis (the image centre), mm, ascending.</summary>
    public IReadOnlyList<float> SliceZ { get; }

    /// <summary>Direction along a row (ImageOrientationPatient 1–3): the patient's left.</summary>
    public Vector3 RowDirection => Vector3.UnitX;

    /// <summary>Direction down a column (ImageOrientationPatient 4–6): [0, cos t, sin t].</summary>
    public Vector3 ColumnDirection => new(0f, _cos, _sin);

    /// <summary>Slice normal, row × column: [0, −sin t, cos t].</summary>
    public Vector3 Normal => new(0f, -_sin, _cos);

    /// <summary>Patient x and y of the centre of the top-left pixel of every slice (ImagePositionPatient x, y).</summary>
    public Vector2 FirstPixelCentre
    {
        get
        {
            var p = PixelToPatient(0f, 0f, 0f);
            return new(p.X, p.Y);
        }
    }

    /// <summary>Reconstruction field of view, mm.</summary>
    public float FieldOfViewMm => Matrix * PixelSpacingMm;

    /// <summary>Where the head-frame origin sits in patient coordinates.</summary>
    public Vector3 HeadCentre { get; }

    /// <summary>Rotation of the head frame relative to the patient axes (a few degrees about each axis).</summary>
    public Quaternion HeadRotation { get; }

    /// <summary>Patient mm per head-frame mm: the subject's head is the reference head enlarged by this factor.</summary>
    public float HeadScale { get; }

    /// <summary>ImagePositionPatient of slice <paramref name="slice"/>: the centre of its top-left pixel.</summary>
    public Vector3 ImagePosition(int slice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slice);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slice, SliceCount);
        return PixelToPatient(0f, 0f, slice);
    }

    /// <summary>Patient coordinates of the centre of pixel (column, row) in (continuous) slice <paramref name="slice"/>.</summary>
    public Vector3 PixelToPatient(float column, float row, float slice)
    {
        var half = (Matrix - 1) * 0.5f;
        var u = (column - half) * PixelSpacingMm;
        var v = (row - half) * PixelSpacingMm;
        return new(u, v * _cos, SliceZ[0] + slice * TableIncrementMm + v * _sin);
    }

    /// <summary>Continuous (column, row, slice) index of a patient point: the inverse of <see cref="PixelToPatient"/>.</summary>
    public Vector3 PatientToPixel(Vector3 patient)
    {
        var half = (Matrix - 1) * 0.5f;
        var v = patient.Y / _cos;
        return new(patient.X / PixelSpacingMm + half, v / PixelSpacingMm + half, (patient.Z - v * _sin - SliceZ[0]) / TableIncrementMm);
    }

    /// <summary>Head-frame point (mm; x = left, y = posterior, z = superior) → patient coordinates.</summary>
    public Vector3 HeadToPatient(Vector3 head) => Vector3.Transform(head, _headToPatient);

    /// <summary>Patient coordinates → head frame.</summary>
    public Vector3 PatientToHead(Vector3 patient) => Vector3.Transform(patient, _patientToHead);

    /// <summary>A head-frame direction (no translation) for a patient-frame direction.</summary>
    internal Vector3 PatientDirectionToHead(Vector3 direction) => Vector3.TransformNormal(direction, _patientToHead);
}
