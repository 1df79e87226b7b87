using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Geometry;
using Ich.Dicom.Series.Headers;

namespace Ich.Dicom.Series.Volumes;

/// <summary>
/// A CT series as one volume of Hounsfield units, slices ordered along the slice normal (inferior to superior for a
/// standard axial series). Layout is z-major: index = (slice × Height + row) × Width + column.
/// </summary>
public sealed class CtVolume
{
    /// <summary>Creates a volume; the arrays are taken over, not copied.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The array lengths do not match the dimensions.</exception>
    public CtVolume(
        VolumeGeometry geometry,
        float[] hounsfield,
        IReadOnlyList<Vector3D> imagePositions,
        IReadOnlyList<double> slicePositions,
        IReadOnlyList<string> sopInstanceUids,
        IReadOnlyList<string> sourceNames,
        IReadOnlyList<SeriesProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(hounsfield);
        ArgumentNullException.ThrowIfNull(imagePositions);
        ArgumentNullException.ThrowIfNull(slicePositions);
        ArgumentNullException.ThrowIfNull(sopInstanceUids);
        ArgumentNullException.ThrowIfNull(sourceNames);
        ArgumentNullException.ThrowIfNull(problems);
        var depth = slicePositions.Count;
        if (imagePositions.Count != depth || sopInstanceUids.Count != depth || sourceNames.Count != depth)
        {
            throw new ArgumentException("Every per-slice list needs one entry per slice.", nameof(slicePositions));
        }

        if (hounsfield.LongLength != (long)depth * geometry.Rows * geometry.Columns)
        {
            throw new ArgumentException(
                $"{hounsfield.LongLength} voxels do not fill {depth} slices of {geometry.Rows}×{geometry.Columns}.", nameof(hounsfield));
        }

        Geometry = geometry;
        Hounsfield = hounsfield;
        ImagePositions = imagePositions;
        SlicePositions = slicePositions;
        SopInstanceUids = sopInstanceUids;
        SourceNames = sourceNames;
        Problems = problems;
    }

    /// <summary>Columns per slice.</summary>
    public int Width => Geometry.Columns;

    /// <summary>Rows per slice.</summary>
    public int Height => Geometry.Rows;

    /// <summary>Number of slices.</summary>
    public int Depth => SlicePositions.Count;

    /// <summary>Voxel values in Hounsfield units, z-major (slice, row, column).</summary>
    public float[] Hounsfield { get; }

    /// <summary>In-plane spacing (row, column), mm.</summary>
    public PixelSpacing PixelSpacing => Geometry.PixelSpacing;

    /// <summary>Median spacing between slices, mm.</summary>
    public double SliceSpacing => Geometry.SliceSpacing;

    /// <summary>Orientation, spacing and tilt.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>Image Position (Patient) of each slice.</summary>
    public IReadOnlyList<Vector3D> ImagePositions { get; }

    /// <summary>Each slice's position along the normal, mm (increasing).</summary>
    public IReadOnlyList<double> SlicePositions { get; }

    /// <summary>Each slice's SOP Instance UID (to point findings back at the source images).</summary>
    public IReadOnlyList<string> SopInstanceUids { get; }

    /// <summary>Each slice's source file or archive entry.</summary>
    public IReadOnlyList<string> SourceNames { get; }

    /// <summary>Warnings found while assembling the series (a volume is never built from a series with fatal problems).</summary>
    public IReadOnlyList<SeriesProblem> Problems { get; }

    /// <summary>The voxels of slice <paramref name="index"/> (row-major, Height × Width).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a slice.</exception>
    public Memory<float> Slice(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Depth);
        var size = Width * Height;
        return Hounsfield.AsMemory(index * size, size);
    }
}
