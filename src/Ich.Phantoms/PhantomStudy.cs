namespace Ich.Phantoms;

/// <summary>One generated study in memory: the HU volume, where its voxels lie, its labels and its parameters.</summary>
public sealed class PhantomStudy
{
    internal PhantomStudy(StudyGeometry geometry, short[][] slices, SliceLabels labels, PhantomSubject subject, int[] lesionVoxels)
    {
        Geometry = geometry;
        Slices = slices;
        Labels = labels;
        Subject = subject;
        LesionVoxels = lesionVoxels;
    }

    /// <summary>Voxel geometry in patient coordinates.</summary>
    public StudyGeometry Geometry { get; }

    /// <summary>
    /// HU per slice, row-major <see cref="StudyGeometry.Matrix"/>², ascending from the skull base;
    /// clamped to −1024…3071 so stored values fit 12 bits with RescaleIntercept −1024.
    /// </summary>
    public IReadOnlyList<short[]> Slices { get; }

    /// <summary>Slice and subject labels.</summary>
    public SliceLabels Labels { get; }

    /// <summary>Parameters of the subject and its lesions.</summary>
    public PhantomSubject Subject { get; }

    /// <summary>Lesion voxels per lesion (same order as <see cref="PhantomSubject.Lesions"/>), counted at the base resolution.</summary>
    public IReadOnlyList<int> LesionVoxels { get; }

    /// <summary>HU of voxel (column, row) in slice <paramref name="slice"/>.</summary>
    public short this[int slice, int row, int column] => Slices[slice][row * Geometry.Matrix + column];

    /// <summary>Copies one slice as floats (HU), e.g. for a training tensor.</summary>
    public float[] SliceAsFloat(int slice)
    {
        var source = Slices[slice];
        var result = new float[source.Length];
        for (var i = 0; i < source.Length; i++) result[i] = source[i];
        return result;
    }
}
