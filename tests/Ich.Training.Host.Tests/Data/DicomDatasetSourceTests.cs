using System.Text.Json;
using Ich.Datasets.Splits;
using Ich.Datasets.Tests.Support;
using Ich.Inference.Models;
using Ich.Phantoms;
using Ich.Phantoms.Cohorts;
using Ich.Phantoms.Labels;
using Ich.Training.Host.Data;
using Ich.Training.Host.Training;

namespace Ich.Training.Host.Tests.Data;

/// <summary><c>ich train --data --labels-csv</c> on a flat, RSNA-layout folder (phantom slices; no real scan).</summary>
public sealed class DicomDatasetSourceTests : IClassFixture<DicomDatasetSourceTests.Collection>, IDisposable
{
    private readonly Collection _collection;
    private readonly string _out = Path.Combine(Path.GetTempPath(), "ich-train-dicom-" + Guid.NewGuid().ToString("N"));

    public DicomDatasetSourceTests(Collection collection) => _collection = collection;

    /// <summary>Ten subjects with twins: twenty studies, two per patient.</summary>
    public sealed class Collection : IDisposable
    {
        public FlatPhantomCollection Flat { get; } = new(subjects: 10, seed: 21, twins: true);

        public void Dispose() => Flat.Dispose();
    }

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public void The_three_parts_share_no_patient_and_together_hold_every_study()
    {
        using var data = LabelledData.Open(_collection.Flat.Folder, _collection.Flat.Labels, seed: 7, TextWriter.Null);
        Assert.Equal(20, data.Train.Count + data.Validation.Count + data.Test.Count);
        Assert.All([data.Train, data.Validation, data.Test], p => Assert.True(p.Count > 0, p.Part.ToString()));

        var keys = new[] { data.Train, data.Validation, data.Test }.Select(p =>
            Enumerable.Range(0, 60).Select(p.Get).Select(s => s.GroupKey).ToHashSet()).ToArray();
        Assert.Empty(keys[0].Intersect(keys[1]));
        Assert.Empty(keys[0].Intersect(keys[2]));
        Assert.Empty(keys[1].Intersect(keys[2]));
        Assert.Equal(data.Train.Subjects, keys[0].Count);
    }

    [Fact]
    public void A_series_masks_are_its_slices_rows_of_the_label_file()
    {
        using var data = LabelledData.Open(_collection.Flat.Folder, _collection.Flat.Labels, seed: 7, TextWriter.Null);
        var labels = RsnaLabelFile.Read(_collection.Flat.Labels);
        var positiveSlices = 0;
        for (var i = 0; i < data.Test.Count; i++)
        {
            var study = data.Test.Study(i);
            var series = data.Test.Get(i);
            Assert.Equal(study.Volume.Depth, series.SliceMasks.Length);
            for (var k = 0; k < series.SliceMasks.Length; k++)
            {
                var set = labels[study.SopInstanceUids[k]];
                Assert.Equal(set.Any, series.SliceMasks[k] != 0);
                Assert.Equal(set.Mask & 0x1F, series.SliceMasks[k]);
                if (set.Any) positiveSlices++;
            }
        }

        Assert.True(data.Test.Count >= 2);
        Assert.True(positiveSlices > 0 || data.Test.Count < 2, "a twin pair in the test part brings a positive");
    }

    [Fact]
    public async Task Train_on_the_flat_folder_then_the_card_reports_the_held_out_part()
    {
        var log = new StringWriter();
        var exit = await TrainingCommandLine.InvokeAsync(
            ["train", "--data", _collection.Flat.Folder, "--labels-csv", _collection.Flat.Labels, "--strategy", "end-to-end", "--steps", "12",
             "--validate-every", "6", "--input-size", "32", "--threads", "2", "--cohorts", ",", "--out", _out],
            TextWriter.Null, log);
        Assert.True(exit == 0, log.ToString());

        var text = log.ToString();
        Assert.Contains("20 labelled studies", text, StringComparison.Ordinal);
        Assert.Contains("split by subject:", text, StringComparison.Ordinal);
        var card = ModelCard.Read(Path.Combine(_out, ModelCard.FileName));
        var heldOut = Assert.Single(card.Metrics);
        Assert.Equal(EvaluationSet.HeldOutName, heldOut.Cohort);
        Assert.Contains("test part", heldOut.Description, StringComparison.Ordinal);
        Assert.Contains(card.Training!.Data, d => d.StartsWith("stage_train_images: train part", StringComparison.Ordinal));
        Assert.True(card.AverageWithMirror, "a model trained with left–right flips is served as the mean of both reads");

        // publish (a later export of the same run) finds the data from the run record and measures the same part.
        File.Delete(Path.Combine(_out, ModelCard.FileName));
        Assert.Equal(0, await TrainingCommandLine.InvokeAsync(["publish", "--cohorts", ",", "--out", _out], TextWriter.Null, TextWriter.Null));
        var again = ModelCard.Read(Path.Combine(_out, ModelCard.FileName));
        Assert.Equal(JsonSerializer.Serialize(heldOut, ModelCard.Json), JsonSerializer.Serialize(Assert.Single(again.Metrics), ModelCard.Json));

        // A recard after a generator change re-measures phantom cohorts and keeps the held-out DICOM figures.
        var tiny = new FixedCohort("tiny", 5, 2, new PhantomOptions { Matrix = 64, SliceThicknessMm = 5f, Prevalence = 0.5 });
        var recarded = ModelPublisher.Recard(_out, [tiny], TextWriter.Null);
        Assert.Equal([EvaluationSet.HeldOutName, "tiny"], recarded.Metrics.Select(m => m.Cohort));
        Assert.Equal(JsonSerializer.Serialize(heldOut, ModelCard.Json), JsonSerializer.Serialize(recarded.Metrics[0], ModelCard.Json));
    }

    [Fact]
    public async Task Data_without_labels_is_a_clear_error()
    {
        var error = new StringWriter();
        var exit = await TrainingCommandLine.InvokeAsync(["train", "--data", _collection.Flat.Folder, "--out", _out], TextWriter.Null, error);
        Assert.NotEqual(0, exit);
        Assert.Contains("--data and --labels-csv go together", error.ToString(), StringComparison.Ordinal);
    }
}
