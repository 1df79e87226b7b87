namespace Ich.Preprocessing;

/// <summary>
/// A series as preprocessing sees it: slices of Hounsfield units ordered along the slice normal (inferior →
/// superior), with their positions and in-plane spacing. Layout is z-major: (slice × Height + row) × Width + column.
/// The voxel array is referenced, not copied.
/// </summary>
public sealed class HuVolume
{
    /// <summary>Creates a volume view.</summary>
    /// <param name="width">Columns per slice.</param>
    /// <param name="height">Rows per slice.</param>
    /// <param name="voxels">HU, z-major; length width × height × slice count.</param>
    /// <param name="rowSpacingMm">Distance between rows, mm.</param>
    /// <param name="columnSpacingMm">Distance between columns, mm.</param>
    /// <param name="slicePositionsMm">Each slice's position along the normal, mm, strictly increasing.</param>
    /// <exception cref="ArgumentException">Sizes, spacings or positions are inconsistent.</exception>
    public HuVolume(int width, int height, float[] voxels, double rowSpacingMm, double columnSpacingMm, IReadOnlyList<double> slicePositionsMm)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        ArgumentNullException.ThrowIfNull(slicePositionsMm);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (slicePositionsMm.Count == 0) throw new ArgumentException("A volume needs at least one slice.", nameof(slicePositionsMm));
        if (voxels.LongLength != (long)width * height * slicePositionsMm.Count)
            throw new ArgumentException($"{voxels.LongLength} voxels do not fill {slicePositionsMm.Count} slices of {width}×{height}.", nameof(voxels));
        if (!(rowSpacingMm > 0) || !(columnSpacingMm > 0) || !double.IsFinite(rowSpacingMm) || !double.IsFinite(columnSpacingMm))
            throw new ArgumentException($"Pixel spacing {rowSpacingMm}×{columnSpacingMm} mm is not usable.", nameof(rowSpacingMm));
        for (var i = 1; i < slicePositionsMm.Count; i++)
        {
            if (!(slicePositionsMm[i] > slicePositionsMm[i - 1]))
                throw new ArgumentException($"Slice positions must increase; slice {i} is at {slicePositionsMm[i]} mm after {slicePositionsMm[i - 1]} mm.", nameof(slicePositionsMm));
        }

        Width = width;
        Height = height;
        Voxels = voxels;
        RowSpacingMm = rowSpacingMm;
        ColumnSpacingMm = columnSpacingMm;
        SlicePositionsMm = slicePositionsMm;
    }

    /// <summary>Columns per slice.</summary>
    public int Width { get; }

    /// <summary>Rows per slice.</summary>
    public int Height { get; }

    /// <summary>Number of slices.</summary>
    public int Depth => SlicePositionsMm.Count;

    /// <summary>HU, z-major.</summary>
    public float[] Voxels { get; }

    /// <summary>Distance between rows, mm.</summary>
    public double RowSpacingMm { get; }

    /// <summary>Distance between columns, mm.</summary>
    public double ColumnSpacingMm { get; }

    /// <summary>Each slice's position along the normal, mm.</summary>
    public IReadOnlyList<double> SlicePositionsMm { get; }

    /// <summary>The voxels of one slice.</summary>
    public ReadOnlySpan<float> Slice(int index) => Voxels.AsSpan(index * Width * Height, Width * Height);

    /// <summary>Copies slices of 16-bit HU (e.g. a phantom study) into a volume.</summary>
    /// <param name="slices">Row-major HU per slice, inferior → superior.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="pixelSpacingMm">Square pixel spacing, mm.</param>
    /// <param name="sliceSpacingMm">Distance between slice centres, mm.</param>
    public static HuVolume FromSlices(IReadOnlyList<short[]> slices, int width, int height, double pixelSpacingMm, double sliceSpacingMm)
    {
        ArgumentNullException.ThrowIfNull(slices);
        var size = width * height;
        var voxels = GC.AllocateUninitializedArray<float>(slices.Count * size);
        for (var z = 0; z < slices.Count; z++)
        {
            var source = slices[z];
            if (source.Length != size) throw new ArgumentException($"Slice {z} holds {source.Length} pixels, not {width}×{height}.", nameof(slices));
            var target = voxels.AsSpan(z * size, size);
            for (var i = 0; i < size; i++) target[i] = source[i];
        }

        var positions = new double[slices.Count];
        for (var z = 0; z < positions.Length; z++) positions[z] = z * sliceSpacingMm;
        return new HuVolume(width, height, voxels, pixelSpacingMm, pixelSpacingMm, positions);
    }
}
