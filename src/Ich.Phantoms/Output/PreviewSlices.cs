namespace Ich.Phantoms.Output;

/// <summary>Picks informative slices of a study for a montage and captions them.</summary>
public static class PreviewSlices
{
    private static readonly string[] Abbreviations = ["EDH", "IPH", "IVH", "SAH", "SDH"];

    /// <summary>
    /// Up to <paramref name="count"/> slices: for a study with hemorrhage, labelled slices spread over the lesions
    /// (most subtypes first); otherwise slices spread from the skull base to the vertex.
    /// </summary>
    public static IReadOnlyList<int> Choose(PhantomStudy study, int count)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var n = study.Geometry.SliceCount;
        var labelled = Enumerable.Range(0, n).Where(study.Labels.Any).ToList();
        if (labelled.Count == 0)
        {
            return [.. Enumerable.Range(0, count).Select(i => (int)Math.Round(n * (0.22 + 0.6 * (count == 1 ? 0.5 : i / (double)(count - 1))))).Distinct()];
        }
        var picks = new List<int>();
        for (var i = 0; i < count && i < labelled.Count; i++)
        {
            picks.Add(labelled[(int)Math.Round(count == 1 ? (labelled.Count - 1) / 2.0 : i * (labelled.Count - 1) / (double)(count - 1))]);
        }
        var mid = (int)(n * 0.55);
        while (picks.Distinct().Count() < count && picks.Count < n)
        {
            picks.Add(Math.Clamp(mid, 0, n - 1));
            mid = (mid + 3) % n;
        }
        return [.. picks.Distinct().Order()];
    }

    /// <summary>A caption "STUDY index/slice subtypes", such as <c>STUDY 3/14 SDH+SAH</c> or <c>STUDY 2/9 NO BLEED</c>.</summary>
    public static string Caption(PhantomStudy study, int slice)
    {
        ArgumentNullException.ThrowIfNull(study);
        var mask = study.Labels.Mask(slice);
        var what = mask == 0 ? "NO BLEED" : string.Join('+', Enumerable.Range(0, HemorrhageSubtypes.Count).Where(i => (mask & (1 << i)) != 0).Select(i => Abbreviations[i]));
        return $"STUDY {study.Subject.StudyIndex}/{slice} {what}";
    }
}
