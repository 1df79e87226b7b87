using Ich.Evaluation.Readers;

namespace Ich.Evaluation.Tests.Readers;

public class ReaderAgreementTests
{
    [Fact]
    public void CohenKappa_TextbookTable_IsZeroPointFour()
    {
        // The standard 2×2 example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no of 50.
        // p_o = 35/50 = 0.7; A says yes 25/50, B 30/50 → p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2 / 0.5 = 0.4.
        var a = Repeat(true, 20).Concat(Repeat(true, 5)).Concat(Repeat(false, 10)).Concat(Repeat(false, 15)).ToList();
        var b = Repeat(true, 20).Concat(Repeat(false, 5)).Concat(Repeat(true, 10)).Concat(Repeat(false, 15)).ToList();

        Assert.Equal(0.4, ReaderAgreement.CohenKappa(a, b), 12);
    }

    [Fact]
    public void CohenKappa_BothRatersConstant_IsNaN()
    {
        Assert.True(double.IsNaN(ReaderAgreement.CohenKappa([true, true], [true, true])));
    }

    [Fact]
    public void FleissKappa_Fleiss1971Example_Is4211Over20059()
    {
        // 10 subjects, 14 raters, 5 categories (the worked example of Fleiss' κ).
        // Σ_i (Σ_j n_ij² − 14) = 182+46+56+80+60+84+44+32+52+52 = 688 → P̄ = 688 / (10·14·13) = 172/455.
        // Column totals 20, 28, 39, 21, 32 of 140 → P̄e = (400+784+1521+441+1024) / 140² = 417/1960.
        // κ = (172/455 − 417/1960) / (1 − 417/1960) = 4211/20059 ≈ 0.2099.
        int[,] table =
        {
            { 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 }, { 0, 3, 9, 2, 0 }, { 2, 2, 8, 1, 1 },
            { 7, 7, 0, 0, 0 }, { 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 }, { 6, 5, 2, 1, 0 }, { 0, 2, 2, 3, 7 },
        };

        Assert.Equal(4211.0 / 20059, ReaderAgreement.FleissKappa(table), 12);
    }

    [Fact]
    public void FleissKappa_UnequalRaterCounts_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReaderAgreement.FleissKappa(new[,] { { 1, 2 }, { 1, 1 } }));
    }

    [Fact]
    public void Compute_ThreeReaders_GivesPercentAgreementAndFleissKappa()
    {
        // Unanimous on S1, S4, S5 of 6 → 50 %. Counts (neg, pos): (0,3) (1,2) (2,1) (3,0) (3,0) (2,1):
        // Σ(Σn² − 3) = 6+2+2+6+6+2 = 24 → P̄ = 24 / (6·3·2) = 2/3; totals 11 and 7 of 18 → P̄e = 170/324;
        // κ = (2/3 − 170/324) / (1 − 170/324) = 23/77.
        var agreement = ReaderAgreement.Compute(ThreeReaders.Reads, "any");

        Assert.Equal(6, agreement.Subjects);
        Assert.Equal(50.0, agreement.PercentAgreement, 12);
        Assert.Equal(23.0 / 77, agreement.FleissKappa, 12);
    }

    [Fact]
    public void Compute_ThreeReaders_GivesCohenKappaOfEachPair()
    {
        // Each pair agrees on 4 of 6 and p_e = 0.5 (R1, R2 say yes 3/6; R3 1/6: 0.5·1/6 + 0.5·5/6), so κ = 1/3.
        var pairs = ReaderAgreement.Compute(ThreeReaders.Reads, "any").Pairwise;

        Assert.Equal([("R1", "R2"), ("R1", "R3"), ("R2", "R3")], pairs.Select(p => (p.ReaderA, p.ReaderB)));
        Assert.All(pairs, p => Assert.Equal(1.0 / 3, p.Kappa, 12));
        Assert.All(pairs, p => Assert.Equal(6, p.Subjects));
    }

    [Fact]
    public void MajorityVote_ThreeReaders_TakesTheMajority()
    {
        var vote = ReaderAgreement.MajorityVote(ThreeReaders.Reads, "any");

        Assert.Equal([true, true, false, false, false, false], new[] { "S1", "S2", "S3", "S4", "S5", "S6" }.Select(s => vote[s]));
    }

    [Fact]
    public void MajorityVote_Tie_IsPositive()
    {
        var reads = ReaderReads.Parse(new StringReader("reader,subject,label,value\nR1,S1,any,1\nR2,S1,any,0\n"));

        Assert.True(ReaderAgreement.MajorityVote(reads, "any")["S1"]);
    }

    private static IEnumerable<bool> Repeat(bool value, int count) => Enumerable.Repeat(value, count);
}
