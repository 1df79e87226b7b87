using Ich.Datasets.Labelled;
using Ich.Datasets.Tests.Support;
using Ich.Phantoms.Labels;

namespace Ich.Datasets.Tests.Labelled;

/// <summary>A flat, RSNA-layout folder of phantom slices read back as labelled studies.</summary>
public sealed class LabelledDicomSetTests : IClassFixture<LabelledDicomSetTests.Collection>
{
    private readonly Collection _collection;

    public LabelledDicomSetTests(Collection collection) => _collection = collection;

    /// <summary>Three subjects with twins: six studies, two per Patient ID.</summary>
    public sealed class Collection : IDisposable
    {
        public FlatPhantomCollection Flat { get; } = new(subjects: 3, seed: 5, twins: true);

        public void Dispose() => Flat.Dispose();
    }

    [Fact]
    public void Every_study_of_the_flat_folder_is_rebuilt_with_all_its_slices()
    {
        using var set = LabelledDicomSet.Open(_collection.Flat.Folder, _collection.Flat.Labels);
        Assert.Empty(set.Problems);
        Assert.Equal(6, set.Studies.Count);
        Assert.Equal(_collection.Flat.Files, set.Studies.Sum(s => s.SliceCount));
    }

    [Fact]
    public void A_loaded_study_carries_each_slices_own_label_row_in_spatial_order()
    {
        using var set = LabelledDicomSet.Open(_collection.Flat.Folder, _collection.Flat.Labels);
        var labels = RsnaLabelFile.Read(_collection.Flat.Labels);
        var positives = 0;
        for (var i = 0; i < set.Studies.Count; i++)
        {
            var study = set.Load(i);
            Assert.Equal(study.Volume.Depth, study.SliceLabels.Count);
            Assert.Equal(study.SopInstanceUids.Select(uid => labels[uid]), study.SliceLabels);
            Assert.True(study.Volume.SlicePositionsMm.Zip(study.Volume.SlicePositionsMm.Skip(1)).All(p => p.Second > p.First), "inferior → superior");
            positives += study.SliceLabels.Count(l => l.Any);
        }

        Assert.True(positives > 0, "the twins' positives have labelled slices");
    }

    [Fact]
    public void A_patients_studies_share_a_group_key_that_does_not_hold_the_patient_id()
    {
        using var set = LabelledDicomSet.Open(_collection.Flat.Folder, _collection.Flat.Labels);
        var groups = set.Studies.GroupBy(s => s.GroupKey).ToList();
        Assert.Equal(3, groups.Count);
        Assert.All(groups, g => Assert.Equal(2, g.Count()));
        // Phantom Patient IDs are PH<seed>-<index>; the key is a hash of it.
        Assert.All(set.Studies, s => Assert.DoesNotContain("PH", s.GroupKey, StringComparison.Ordinal));
        Assert.All(set.Studies, s => Assert.StartsWith("patient:", s.GroupKey, StringComparison.Ordinal));
    }

    [Fact]
    public void A_study_with_slices_missing_from_the_label_file_is_named_with_its_reason_not_dropped()
    {
        var lines = File.ReadAllLines(_collection.Flat.Labels);
        using var whole = LabelledDicomSet.Open(_collection.Flat.Folder, _collection.Flat.Labels);
        var victim = whole.Studies[0].Series.Slices[3].Header.SopInstanceUid;
        var partial = Path.Combine(Path.GetTempPath(), $"ich-labels-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(partial, lines.Where(l => !l.StartsWith("ID_" + victim + "_", StringComparison.Ordinal)));
            using var set = LabelledDicomSet.Open(_collection.Flat.Folder, partial);
            Assert.Equal(5, set.Studies.Count);
            var problem = Assert.Single(set.Problems);
            Assert.Contains(whole.Studies[0].StudyInstanceUid, problem, StringComparison.Ordinal);
            Assert.Contains("1 of", problem, StringComparison.Ordinal);
            Assert.Contains("no label row", problem, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    [Fact]
    public void A_slice_labelled_any_without_a_subtype_refuses_its_study()
    {
        using var whole = LabelledDicomSet.Open(_collection.Flat.Folder, _collection.Flat.Labels);
        var uid = whole.Studies.SelectMany(s => s.Series.Slices).Select(s => s.Header.SopInstanceUid).First(u => !whole.Labels[u].Any);
        var edited = Path.Combine(Path.GetTempPath(), $"ich-labels-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(edited, File.ReadAllLines(_collection.Flat.Labels).Select(l => l == $"ID_{uid}_any,0" ? $"ID_{uid}_any,1" : l));
            using var set = LabelledDicomSet.Open(_collection.Flat.Folder, edited);
            var problem = Assert.Single(set.Problems);
            Assert.Contains("without a subtype", problem, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(edited);
        }
    }
}
