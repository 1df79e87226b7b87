namespace Ich.Training.Host.Data;

/// <summary>
/// Which real normal heads (<c>--backgrounds</c>) train and which validate: with two or more, a fifth of them (at
/// least one) is held out whole, so validation measures bleeds in heads the network has never seen — the question a
/// hospital's own data must answer. With one head there is nothing to hold out, and validation stays on phantoms.
/// </summary>
/// <param name="Training">Heads whose inserted studies train.</param>
/// <param name="Validation">Heads held out for validation (empty with fewer than two).</param>
public sealed record HeadSplit(IReadOnlyList<string> Training, IReadOnlyList<string> Validation)
{
    /// <summary>Splits <paramref name="backgrounds"/> by a seeded draw; the same seed and heads give the same split.</summary>
    public static HeadSplit Of(IReadOnlyList<string> backgrounds, long seed)
    {
        ArgumentNullException.ThrowIfNull(backgrounds);
        var heads = backgrounds.Distinct(StringComparer.Ordinal).ToArray();
        if (heads.Length < 2) return new HeadSplit(heads, []);
        // Ordered by name first, so the split does not depend on the order the heads were listed in.
        Array.Sort(heads, StringComparer.Ordinal);
        SeedMixer.Random(seed, heads.Length, 41).Shuffle(heads);
        var heldOut = Math.Max(1, (int)Math.Round(heads.Length / 5.0));
        return new HeadSplit(heads[heldOut..], heads[..heldOut]);
    }
}
