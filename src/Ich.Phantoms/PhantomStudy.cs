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

    /// <summary>The same study with other pixel values (e.g. a scanner shift), labels and parameters unchanged.</summary>
    /// <exception cref="ArgumentException">The slice count or sizes differ.</exception>
    public PhantomStudy WithSlices(IReadOnlyList<short[]> slices)
    {
        ArgumentNullException.ThrowIfNull(slices);
        if (slices.Count != Slices.Count || slices.Any(s => s.Length != Geometry.Matrix * Geometry.Matrix))
            throw new ArgumentException("The new slices must match the study's slice count and matrix.", nameof(slices));
        return new PhantomStudy(Geometry, [.. slices], Labels, Subject, [.. LesionVoxels]);
    }

    /// <summary>The study as the shared preprocessing reads it (HU, inferior → superior, contiguous slices).</summary>
    public Ich.Preprocessing.HuVolume ToHuVolume() =>
        Ich.Preprocessing.HuVolume.FromSlices(Slices, Geometry.Matrix, Geometry.Matrix, Geometry.PixelSpacingMm, Geometry.SliceThicknessMm);

    /// <summary>For each slice, the RSNA names of the subtypes it contains (empty: no hemorrhage).</summary>
    public IReadOnlyList<IReadOnlySet<string>> SlicePositiveLabels() =>
        [.. Enumerable.Range(0, Labels.SliceCount).Select(k =>
            (IReadOnlySet<string>)HemorrhageSubtypes.All.Where(t => Labels[k, t]).Select(t => t.RsnaName()).ToHashSet())];

    /// <summary>Copies one slice as floats (HU), e.g. for a training tensor.</summary>
    public float[] SliceAsFloat(int slice)
    {
        var source = Slices[slice];
        var result = new float[source.Length];
        for (var i = 0; i < source.Length; i++) result[i] = source[i];
        return result;
    }
}
