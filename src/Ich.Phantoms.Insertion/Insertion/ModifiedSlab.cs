namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>
/// A study's own copy of the consecutive background slices its lesions and their mass effect change; every other slice is
/// read from the shared background, so a study no longer copies the whole volume.
/// </summary>
internal sealed class ModifiedSlab
{
    private readonly short[] _background;
    private readonly int _plane;

    /// <summary>Copies slices <paramref name="first"/>…<paramref name="last"/> (none when <paramref name="last"/> &lt; <paramref name="first"/>).</summary>
    public ModifiedSlab(short[] background, int plane, int first, int last)
    {
        _background = background;
        _plane = plane;
        (First, Last) = last < first ? (int.MaxValue, -1) : (first, last);
        Data = last < first ? [] : background.AsSpan(first * plane, (last - first + 1) * plane).ToArray();
    }

    /// <summary>First copied slice (<see cref="int.MaxValue"/> when none).</summary>
    public int First { get; }

    /// <summary>Last copied slice (−1 when none).</summary>
    public int Last { get; }

    /// <summary>The copied slices, back to back.</summary>
    public short[] Data { get; }

    /// <summary>Offset of volume voxel 0 in <see cref="Data"/>'s indexing: voxel i is <c>Data[i − Base]</c>.</summary>
    public int Base => First == int.MaxValue ? 0 : First * _plane;

    /// <summary>Voxel <paramref name="i"/> of the volume (index (slice × Height + row) × Width + column); it must lie in the slab.</summary>
    public ref short this[int i] => ref Data[i - Base];

    /// <summary>Slice <paramref name="slice"/>: the modified copy inside the slab, the background outside it.</summary>
    public ReadOnlySpan<short> Plane(int slice) => slice >= First && slice <= Last
        ? Data.AsSpan((slice - First) * _plane, _plane)
        : _background.AsSpan(slice * _plane, _plane);
}
