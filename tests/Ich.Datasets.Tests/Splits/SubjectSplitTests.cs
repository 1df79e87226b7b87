using Ich.Datasets.Splits;

namespace Ich.Datasets.Tests.Splits;

public sealed class SubjectSplitTests
{
    [Fact]
    public void A_key_falls_in_the_same_part_whatever_else_is_in_the_set()
    {
        var split = new SubjectSplit(7);
        var keys = Enumerable.Range(0, 200).Select(i => $"patient:{i}").ToList();
        var all = split.Assign(keys);
        var half = split.Assign(keys.Take(100).ToList());
        foreach (var part in Enum.GetValues<SplitPart>())
            Assert.Equal(all[part].Where(i => i < 100), half[part]);
    }

    [Fact]
    public void Thousands_of_subjects_split_about_80_10_10()
    {
        var parts = new SubjectSplit(3).Assign([.. Enumerable.Range(0, 5000).Select(i => $"s{i}")]);
        Assert.InRange(parts[SplitPart.Train].Count, 3850, 4150);
        Assert.InRange(parts[SplitPart.Validation].Count, 420, 580);
        Assert.InRange(parts[SplitPart.Test].Count, 420, 580);
    }

    [Fact]
    public void Studies_of_one_subject_stay_together()
    {
        var keys = Enumerable.Range(0, 300).Select(i => $"p{i / 3}").ToList();
        var parts = new SubjectSplit(11).Assign(keys);
        var partOf = parts.SelectMany(p => p.Value.Select(i => (keys[i], p.Key))).GroupBy(x => x.Item1);
        Assert.All(partOf, g => Assert.Single(g.Select(x => x.Key).Distinct()));
        Assert.Equal(300, parts.Values.Sum(p => p.Count));
    }

    [Fact]
    public void A_small_set_still_has_a_validation_and_a_test_subject()
    {
        var keys = new[] { "a", "a", "b", "c", "c", "d" };
        var parts = new SubjectSplit(1).Assign(keys);
        Assert.NotEmpty(parts[SplitPart.Validation]);
        Assert.NotEmpty(parts[SplitPart.Test]);
        Assert.NotEmpty(parts[SplitPart.Train]);
        Assert.Equal(keys.Length, parts.Values.Sum(p => p.Count));
    }

    [Fact]
    public void Another_seed_is_another_split()
    {
        var keys = Enumerable.Range(0, 500).Select(i => $"s{i}").ToList();
        Assert.NotEqual(new SubjectSplit(1).Assign(keys)[SplitPart.Test], new SubjectSplit(2).Assign(keys)[SplitPart.Test]);
    }
}
