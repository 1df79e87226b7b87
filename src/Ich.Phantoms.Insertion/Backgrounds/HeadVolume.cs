namespace Ich.Phantoms.Insertion.Backgrounds;

/// <summary>
/// A head CT as the insertion code sees it: HU, z-major (slice, row, column), slices inferior → superior, anterior at
/// the top of the image (row 0), patient left on the image right (radiological convention); square pixels.
/// </summary>
public sealed class HeadVolume
{
    /// <summary>Creates a volume; the array is taken over, not copied.</summary>
    /// <exception cref="ArgumentException">The array does not fill the dimensions, or a spacing is not positive.</exception>
    public HeadVolume(string identity, int width, int height, int depth, float pixelSpacingMm, float sliceSpacingMm, short[] hounsfield,
        bool contrastAgentRecorded = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ArgumentNullException.ThrowIfNull(hounsfield);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        if (!(pixelSpacingMm > 0) || !(sliceSpacingMm > 0)) throw new ArgumentException("Spacings must be positive.", nameof(pixelSpacingMm));
        if (hounsfield.LongLength != (long)width * height * depth)
            throw new ArgumentException($"{hounsfield.Length} voxels do not fill {depth} slices of {width}×{height}.", nameof(hounsfield));
        Identity = identity;
        Width = width;
        Height = height;
        Depth = depth;
        PixelSpacingMm = pixelSpacingMm;
        SliceSpacingMm = sliceSpacingMm;
        Hounsfield = hounsfield;
        ContrastAgentRecorded = contrastAgentRecorded;
    }

    /// <summary>Where the volume came from (file name and series, no patient identity), for <c>studies.csv</c>.</summary>
    public string Identity { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Slices.</summary>
    public int Depth { get; }

    /// <summary>In-plane spacing, mm (rows = columns).</summary>
    public float PixelSpacingMm { get; }

    /// <summary>Distance between slice centres, mm.</summary>
    public float SliceSpacingMm { get; }

    /// <summary>HU, index (slice × Height + row) × Width + column.</summary>
    public short[] Hounsfield { get; }

    /// <summary>Whether the source's header names a contrast/bolus agent.</summary>
    public bool ContrastAgentRecorded { get; }

    /// <summary>Voxels per slice.</summary>
    public int SliceSize => Width * Height;

    /// <summary>Index of voxel (column, row, slice).</summary>
    public int Index(int column, int row, int slice) => (slice * Height + row) * Width + column;

    /// <summary>A copy with every <paramref name="factor"/>-th pixel in-plane averaged (2×2 … boxes), e.g. to keep tests fast.</summary>
    public HeadVolume Downsampled(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1) return this;
        int w = Width / factor, h = Height / factor;
        var result = new short[w * h * Depth];
        for (var z = 0; z < Depth; z++)
        for (var r = 0; r < h; r++)
        for (var c = 0; c < w; c++)
        {
            var sum = 0;
            for (var dr = 0; dr < factor; dr++)
            for (var dc = 0; dc < factor; dc++) sum += Hounsfield[Index(c * factor + dc, r * factor + dr, z)];
            result[(z * h + r) * w + c] = (short)Math.Round(sum / (double)(factor * factor));
        }
        return new HeadVolume(Identity, w, h, Depth, PixelSpacingMm * factor, SliceSpacingMm, result, ContrastAgentRecorded);
    }
}
