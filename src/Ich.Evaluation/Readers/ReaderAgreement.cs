namespace Ich.Evaluation.Readers;

/// <summary>Cohen's κ of one pair of readers.</summary>
/// <param name="ReaderA">The first reader.</param>
/// <param name="ReaderB">The second reader.</param>
/// <param name="Subjects">Subjects both read for the label.</param>
/// <param name="Kappa">Cohen's κ; NaN when undefined (no common subjects, or chance agreement is 1).</param>
public readonly record struct PairwiseKappa(string ReaderA, string ReaderB, int Subjects, double Kappa);

/// <summary>Agreement among readers on one label.</summary>
/// <param name="Label">The label.</param>
/// <param name="Subjects">Subjects read by every reader, on which <see cref="PercentAgreement"/> and
/// <see cref="FleissKappa"/> are computed.</param>
/// <param name="PercentAgreement">Percentage (0–100) of those subjects on which all readers gave the same read.</param>
/// <param name="Pairwise">Cohen's κ of every pair of readers, on the subjects that pair read.</param>
/// <param name="FleissKappa">Fleiss' κ over all readers.</param>
public sealed record LabelAgreement(string Label, int Subjects, double PercentAgreement, IReadOnlyList<PairwiseKappa> Pairwise, double FleissKappa);

/// <summary>Inter-rater agreement of binary reads: percentage agreement, Cohen's and Fleiss' κ, majority vote.</summary>
public static class ReaderAgreement
{
    /// <summary>Agreement among all readers of <paramref name="label"/>.</summary>
    /// <param name="reads">The reads.</param>
    /// <param name="label">The label.</param>
    public static LabelAgreement Compute(ReaderReads reads, string label)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var readers = reads.Readers.Where(r => reads.ReadsOf(r, label).Count > 0).ToList();
        var pairs = new List<PairwiseKappa>();
        for (var i = 0; i < readers.Count; i++)
        {
            for (var j = i + 1; j < readers.Count; j++)
            {
                var both = reads.Subjects
                    .Select(s => (A: reads.Read(readers[i], s, label), B: reads.Read(readers[j], s, label)))
                    .Where(p => p.A.HasValue && p.B.HasValue)
                    .ToList();
                var kappa = CohenKappa(both.Select(p => p.A!.Value).ToList(), both.Select(p => p.B!.Value).ToList());
                pairs.Add(new PairwiseKappa(readers[i], readers[j], both.Count, kappa));
            }
        }

        var complete = reads.Subjects
            .Select(s => readers.Select(r => reads.Read(r, s, label)).ToList())
            .Where(v => v.All(x => x.HasValue))
            .Select(v => v.Select(x => x!.Value).ToList())
            .ToList();
        var counts = new int[complete.Count, 2];
        for (var s = 0; s < complete.Count; s++)
        {
            counts[s, 1] = complete[s].Count(x => x);
            counts[s, 0] = complete[s].Count - counts[s, 1];
        }

        var unanimous = complete.Count(v => v.Distinct().Count() == 1);
        var percent = complete.Count == 0 ? double.NaN : 100.0 * unanimous / complete.Count;
        var fleiss = readers.Count < 2 ? double.NaN : FleissKappa(counts);
        return new LabelAgreement(label, complete.Count, percent, pairs, fleiss);
    }

    /// <summary>Cohen's κ of two raters' binary reads of the same subjects: (p_o − p_e) / (1 − p_e), with p_e from
    /// each rater's own positive rate. NaN when there are no subjects or p_e = 1 (both raters constant and equal).</summary>
    /// <param name="a">The first rater's reads.</param>
    /// <param name="b">The second rater's reads of the same subjects, in the same order.</param>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static double CohenKappa(IReadOnlyList<bool> a, IReadOnlyList<bool> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"{a.Count} reads against {b.Count}.", nameof(b));
        }

        if (a.Count == 0)
        {
            return double.NaN;
        }

        double n = a.Count;
        var observed = a.Zip(b).Count(p => p.First == p.Second) / n;
        var pa = a.Count(x => x) / n;
        var pb = b.Count(x => x) / n;
        var chance = (pa * pb) + ((1 - pa) * (1 - pb));
        return chance >= 1 ? double.NaN : (observed - chance) / (1 - chance);
    }

    /// <summary>
    /// Fleiss' κ (Fleiss 1971) from a subjects × categories table of counts: cell [i, j] is how many raters put
    /// subject i in category j, every row summing to the same number of raters n ≥ 2.
    /// κ = (P̄ − P̄e) / (1 − P̄e), with P_i = (Σ_j n_ij² − n) / (n (n − 1)) and P̄e = Σ_j p_j², p_j the share of all
    /// ratings in category j. NaN when there are no subjects or P̄e = 1.
    /// </summary>
    /// <param name="counts">The table.</param>
    /// <exception cref="ArgumentException">Rows sum to different totals, a count is negative, or n &lt; 2.</exception>
    public static double FleissKappa(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int subjects = counts.GetLength(0), categories = counts.GetLength(1);
        if (subjects == 0)
        {
            return double.NaN;
        }

        var raters = -1;
        var columnTotals = new double[categories];
        var agreementSum = 0.0;
        for (var i = 0; i < subjects; i++)
        {
            int rowTotal = 0, squares = 0;
            for (var j = 0; j < categories; j++)
            {
                var c = counts[i, j];
                if (c < 0)
                {
                    throw new ArgumentException($"Count [{i}, {j}] is negative.", nameof(counts));
                }

                rowTotal += c;
                squares += c * c;
                columnTotals[j] += c;
            }

            if (raters == -1)
            {
                raters = rowTotal;
            }
            else if (rowTotal != raters)
            {
                throw new ArgumentException($"Subject {i} has {rowTotal} ratings, subject 0 has {raters}: every subject needs the same number.", nameof(counts));
            }

            agreementSum += squares - rowTotal;
        }

        if (raters < 2)
        {
            throw new ArgumentException("Fleiss' κ needs at least two ratings per subject.", nameof(counts));
        }

        var meanAgreement = agreementSum / (subjects * (double)raters * (raters - 1));
        var all = (double)subjects * raters;
        var chance = columnTotals.Sum(t => (t / all) * (t / all));
        return chance >= 1 ? double.NaN : (meanAgreement - chance) / (1 - chance);
    }

    /// <summary>The majority read of each subject for <paramref name="label"/>, over the readers who read it; a tie
    /// (e.g. 1 : 1 with two readers) counts as positive, so the reference errs towards not missing a bleed.</summary>
    /// <param name="reads">The reads.</param>
    /// <param name="label">The label.</param>
    /// <returns>Subject → majority read, for every subject read at least once for the label.</returns>
    public static IReadOnlyDictionary<string, bool> MajorityVote(ReaderReads reads, string label)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var result = new Dictionary<string, bool>();
        foreach (var subject in reads.Subjects)
        {
            var votes = reads.Readers.Select(r => reads.Read(r, subject, label)).Where(v => v.HasValue).Select(v => v!.Value).ToList();
            if (votes.Count > 0)
            {
                var positives = votes.Count(v => v);
                result[subject] = positives >= votes.Count - positives;
            }
        }

        return result;
    }
}
