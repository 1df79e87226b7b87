using System.Security.Cryptography;
using System.Text;

namespace Ich.Datasets.Splits;

/// <summary>The three parts of a data set.</summary>
public enum SplitPart
{
    /// <summary>Trained on.</summary>
    Train,

    /// <summary>Picks the checkpoint.</summary>
    Validation,

    /// <summary>Held out: measured once, on the published model.</summary>
    Test,
}

/// <summary>
/// A seeded split by subject: every study of one group key (a patient, a real background head) falls in the same
/// part, so no subject is both trained on and used to judge the model. The part of a key depends only on the key
/// and the seed, not on which other keys exist, so adding studies never moves old ones between parts.
/// </summary>
/// <param name="Seed">The split's seed.</param>
/// <param name="ValidationShare">Share of subjects for validation (the paper's 10 %).</param>
/// <param name="TestShare">Share of subjects held out for the test (10 %).</param>
public sealed record SubjectSplit(long Seed, double ValidationShare = 0.1, double TestShare = 0.1)
{
    /// <summary>The part <paramref name="groupKey"/> falls in.</summary>
    public SplitPart PartOf(string groupKey)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}:{groupKey}"));
        var u = BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
        return u < TestShare ? SplitPart.Test : u < TestShare + ValidationShare ? SplitPart.Validation : SplitPart.Train;
    }

    /// <summary>
    /// The indices of <paramref name="groupKeys"/> in each part. With fewer than ten subjects a hash split can leave a
    /// part empty; then the first subjects (in order of appearance) are moved there, test before validation, so both
    /// held-out parts exist whenever there are at least three subjects.
    /// </summary>
    public IReadOnlyDictionary<SplitPart, IReadOnlyList<int>> Assign(IReadOnlyList<string> groupKeys)
    {
        ArgumentNullException.ThrowIfNull(groupKeys);
        var subjects = groupKeys.Distinct().ToList();
        var partOf = subjects.ToDictionary(k => k, PartOf);
        foreach (var part in new[] { SplitPart.Test, SplitPart.Validation })
        {
            if (subjects.Count < 3 || partOf.ContainsValue(part)) continue;
            var donor = subjects.FirstOrDefault(k => partOf[k] == SplitPart.Train && partOf.Values.Count(p => p == SplitPart.Train) > 1);
            if (donor is not null) partOf[donor] = part;
        }

        return Enum.GetValues<SplitPart>().ToDictionary(
            p => p,
            p => (IReadOnlyList<int>)[.. Enumerable.Range(0, groupKeys.Count).Where(i => partOf[groupKeys[i]] == p)]);
    }
}
