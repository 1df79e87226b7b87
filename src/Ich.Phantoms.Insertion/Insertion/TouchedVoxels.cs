namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>The output voxels any lesion content reaches after resampling, with their bounding box.</summary>
internal sealed class TouchedVoxels
{
    private readonly int _width, _plane;
    private readonly bool[] _touched;

    public TouchedVoxels(int width, int height, int slices)
    {
        (_width, _plane) = (width, width * height);
        _touched = new bool[slices * _plane];
    }

    public bool IsEmpty => Z1 < 0;

    public int X0 { get; private set; } = int.MaxValue;

    public int X1 { get; private set; } = -1;

    public int Y0 { get; private set; } = int.MaxValue;

    public int Y1 { get; private set; } = -1;

    public int Z0 { get; private set; } = int.MaxValue;

    public int Z1 { get; private set; } = -1;

    /// <summary>Marks pixel <paramref name="pixel"/> of slice <paramref name="slice"/>.</summary>
    public void Add(int slice, int pixel)
    {
        _touched[slice * _plane + pixel] = true;
        int x = pixel % _width, y = pixel / _width;
        (X0, X1, Y0, Y1, Z0, Z1) = (Math.Min(X0, x), Math.Max(X1, x), Math.Min(Y0, y), Math.Max(Y1, y), Math.Min(Z0, slice), Math.Max(Z1, slice));
    }

    public bool Contains(int slice, int pixel) => _touched[slice * _plane + pixel];
}
