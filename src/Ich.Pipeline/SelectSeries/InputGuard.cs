namespace Ich.Pipeline.SelectSeries;

/// <summary>
/// The model was made for adult non-contrast head CT: anything else is refused with a reason (status failed), never
/// reported as a negative. Headers are checked at selection; the field of view once the pixels are read
/// (<see cref="Normalize.FieldOfViewCheck"/>); unusable geometry is already a fatal problem of series assembly.
/// </summary>
public static class InputGuard
{
    /// <summary>Fewest slices that can cover a head.</summary>
    public const int MinimumSlices = 10;

    /// <summary>Body Part Examined values accepted as a head (upper case; an absent value is accepted).</summary>
    public static IReadOnlySet<string> HeadBodyParts { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "HEAD", "BRAIN", "SKULL", "CRANIUM", "HEADNECK", "HEAD_NECK", "HEAD NECK", "HEADANDNECK", "CEREBRUM",
    };

    /// <summary>Why a series with <paramref name="source"/>'s headers and <paramref name="sliceCount"/> slices is refused, or null when accepted.</summary>
    public static string? CheckHeaders(SourceStudy source, int sliceCount)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.ContrastBolusAgent.Length > 0)
            return $"contrast given (Contrast/Bolus Agent '{source.ContrastBolusAgent}'): the model is for non-contrast head CT";
        var bodyPart = source.BodyPartExamined.ToUpperInvariant();
        if (bodyPart.Length > 0 && !HeadBodyParts.Contains(bodyPart))
            return $"body part examined is '{source.BodyPartExamined}', not a head: the model is for head CT";
        if (sliceCount < MinimumSlices)
            return $"only {sliceCount} slices: at least {MinimumSlices} are needed to cover a head";
        return null;
    }
}
