namespace Ich.Preprocessing;

/// <summary>A run of consecutive source slices averaged into one model input slab.</summary>
/// <param name="FirstSlice">Index of the first source slice.</param>
/// <param name="SliceCount">Number of source slices (1 when slices are already thick).</param>
public readonly record struct Slab(int FirstSlice, int SliceCount)
{
    /// <summary>Index one past the last source slice.</summary>
    public int EndSlice => FirstSlice + SliceCount;
}

/// <summary>Groups slices into slabs of about the contract's thickness.</summary>
public static class SlabPlanner
{
    /// <summary>
    /// Plans the slabs for slices at <paramref name="positionsMm"/>: slices thinner than three quarters of the slab
    /// are grouped n at a time, n = round(slab / spacing); the last slab may hold fewer. Every slice belongs to
    /// exactly one slab, so every slice gets an output.
    /// </summary>
    public static IReadOnlyList<Slab> Plan(IReadOnlyList<double> positionsMm, float slabThicknessMm)
    {
        ArgumentNullException.ThrowIfNull(positionsMm);
        var count = positionsMm.Count;
        if (count == 0) return [];
        var spacing = MedianSpacing(positionsMm);
        var perSlab = spacing <= 0 || spacing >= 0.75 * slabThicknessMm ? 1 : Math.Max(1, (int)Math.Round(slabThicknessMm / spacing));
        var slabs = new List<Slab>((count + perSlab - 1) / perSlab);
        for (var first = 0; first < count; first += perSlab) slabs.Add(new Slab(first, Math.Min(perSlab, count - first)));
        return slabs;
    }

    /// <summary>Median distance between neighbouring slices, mm (0 for one slice).</summary>
    public static double MedianSpacing(IReadOnlyList<double> positionsMm)
    {
        ArgumentNullException.ThrowIfNull(positionsMm);
        if (positionsMm.Count < 2) return 0;
        var gaps = new double[positionsMm.Count - 1];
        for (var i = 1; i < positionsMm.Count; i++) gaps[i - 1] = positionsMm[i] - positionsMm[i - 1];
        Array.Sort(gaps);
        return gaps[gaps.Length / 2];
    }
}
