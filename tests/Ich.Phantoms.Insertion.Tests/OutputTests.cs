using System.Buffers.Binary;
using System.IO.Compression;
using Ich.Dicom.Series.Scanning;
using Ich.Phantoms.Insertion.Insertion;
using Ich.Phantoms.Insertion.Output;
using Ich.Phantoms.Labels;

namespace Ich.Phantoms.Insertion.Tests;

public sealed class OutputTests
{
    private static string Temp() => Path.Combine(Path.GetTempPath(), "ich-insert-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void NiftiMask_HasTheNifti1HeaderAndTheVoxels()
    {
        var path = Temp() + ".nii.gz";
        try
        {
            byte[][] slices = [[0, 1, 2, 4, 8, 16], [16, 8, 4, 2, 1, 0]];
            NiftiMaskWriter.Write(path, slices, 3, 2, 0.5f, 5f, "test");

            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            var bytes = buffer.ToArray();
            Assert.Equal(348, BinaryPrimitives.ReadInt32LittleEndian(bytes));
            Assert.Equal([3, 3, 2, 2], Enumerable.Range(0, 4).Select(i => (int)BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(40 + 2 * i))));
            Assert.Equal(2, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(70)));
            Assert.Equal(5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(88)));
            Assert.Equal("n+1\0"u8.ToArray(), bytes[344..348]);
            Assert.Equal(slices.SelectMany(s => s).ToArray(), bytes[352..]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Cohort_WritesSeriesThePipelineSelectsAndLabelsThatMatchTheStudies()
    {
        var folder = Temp();
        var summary = InsertedCohortWriter.Write([Backgrounds.PhantomBackground], folder, 2, 6, new InsertionOptions { Hemorrhage = true });

        Assert.Equal(2, summary.Positive);
        var labels = RsnaLabelFile.Read(Path.Combine(folder, "labels.csv"));
        var inserter = new BleedInserter(Backgrounds.PhantomBackground, 6, new InsertionOptions { Hemorrhage = true });
        foreach (var (name, expected) in new[] { ("study-00000", inserter.Generate(0)), ("study-00000-twin", (InsertedStudy?)null) })
        {
            var scan = SeriesScanner.Scan(Path.Combine(folder, name));
            var selected = Assert.Single(scan.Studies).Selected;
            Assert.NotNull(selected);
            var uids = selected.Slices.Select(s => s.Header.SopInstanceUid).ToList();
            for (var k = 0; k < uids.Count; k++)
                Assert.Equal(expected?.Labels.Mask(k) ?? 0, labels[uids[k]].Mask & 0b1_1111);
        }
        Assert.Equal(5, File.ReadAllLines(Path.Combine(folder, "studies.csv")).Length);
        Assert.True(File.Exists(Path.Combine(folder, "masks", "study-00001.nii.gz")));
        Directory.Delete(folder, true);
    }

    [Fact]
    public void Cohort_SameSeed_SameBytes()
    {
        string a = Temp(), b = Temp();
        InsertedCohortWriter.Write([Backgrounds.PhantomBackground], a, 2, 12);
        InsertedCohortWriter.Write([Backgrounds.PhantomBackground], b, 2, 12);

        var files = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order());
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f))));
        Directory.Delete(a, true);
        Directory.Delete(b, true);
    }
}
