namespace Ich.Phantoms;

/// <summary>
/// Slice-level labels by construction: a slice is positive for a subtype when voxels of a lesion of that subtype
/// lie in it (the lesion fills at least half of the voxel's slice profile). The subject label is the OR over slices.
/// </summary>
public sealed class SliceLabels
{
    private readonly byte[] _masks;

    /// <summary>Creates labels from one subtype bit mask per slice (bit i = <see cref="HemorrhageSubtype"/> i).</summary>
    public SliceLabels(IEnumerable<byte> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        _masks = [.. masks];
        foreach (var m in _masks)
        {
            if (m >= 1 << HemorrhageSubtypes.Count) throw new ArgumentOutOfRangeException(nameof(masks), m, "Label masks use the five low bits only.");
        }
    }

    /// <summary>Number of slices.</summary>
    public int SliceCount => _masks.Length;

    /// <summary>Whether slice <paramref name="slice"/> contains <paramref name="subtype"/>.</summary>
    public bool this[int slice, HemorrhageSubtype subtype] => (_masks[slice] & subtype.Bit()) != 0;

    /// <summary>Whether slice <paramref name="slice"/> contains any hemorrhage.</summary>
    public bool Any(int slice) => _masks[slice] != 0;

    /// <summary>The subtype bit mask of a slice.</summary>
    public byte Mask(int slice) => _masks[slice];

    /// <summary>Subject label: whether any slice contains <paramref name="subtype"/>.</summary>
    public bool Subject(HemorrhageSubtype subtype) => _masks.Any(m => (m & subtype.Bit()) != 0);

    /// <summary>Subject label: whether any slice contains any hemorrhage.</summary>
    public bool SubjectAny => _masks.Any(m => m != 0);

    /// <summary>Number of slices positive for <paramref name="subtype"/>.</summary>
    public int PositiveSlices(HemorrhageSubtype subtype) => _masks.Count(m => (m & subtype.Bit()) != 0);

    /// <summary>
    /// The six RSNA targets of a slice (epidural, intraparenchymal, intraventricular, subarachnoid, subdural, any) as 0/1.
    /// </summary>
    public float[] Targets(int slice)
    {
        var t = new float[HemorrhageSubtypes.Count + 1];
        for (var i = 0; i < HemorrhageSubtypes.Count; i++) t[i] = (_masks[slice] >> i) & 1;
        t[^1] = _masks[slice] != 0 ? 1 : 0;
        return t;
    }
}
