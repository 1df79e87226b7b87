using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Volumes;
using Ich.Phantoms.Output;

namespace Ich.Phantoms.Tests.Output;

/// <summary>Phantom HU → DICOM (the real writer) → the project's ingest → CtVolume: the same voxels, slices and labels.</summary>
public sealed class RoundTripTests : IDisposable
{
    private const long Seed = 4242;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ich-roundtrip-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrittenStudy_ReadsBackAsTheGeneratorsSlicesInOrder_WithLabelsOnTheRightSlices(bool twins)
    {
        var options = new PhantomOptions { Matrix = 128, Hemorrhage = true };
        CohortWriter.Write(new CohortRequest { OutputFolder = _folder, Studies = 1, Seed = Seed, Options = options, Distractors = true, Twins = twins });
        var expected = twins
            ? new PhantomGenerator(Seed, options).GenerateTwins(0).LesionFree
            : new PhantomGenerator(Seed, options).Generate(0);

        var volume = Read(Path.Combine(_folder, twins ? CohortWriter.TwinFolderName(0) : CohortWriter.FolderName(0)));

        var n = expected.Geometry.Matrix;
        Assert.Equal((n, n, expected.Geometry.SliceCount), (volume.Width, volume.Height, volume.Depth));
        Assert.Empty(volume.Problems);
        var labels = RsnaRows(Path.Combine(_folder, CohortWriter.LabelsFileName));
        for (var k = 0; k < volume.Depth; k++)
        {
            var position = expected.Geometry.ImagePosition(k);
            Assert.Equal(position.Z, volume.ImagePositions[k].Z, 3);
            var slice = volume.Hounsfield.AsSpan(k * n * n, n * n);
            for (var i = 0; i < slice.Length; i++)
            {
                if (slice[i] != expected.Slices[k][i]) Assert.Fail($"Slice {k} voxel {i}: read {slice[i]} HU, generated {expected.Slices[k][i]} HU.");
            }
            Assert.Equal(expected.Labels.Targets(k).Select(t => t > 0), labels[volume.SopInstanceUids[k]]);
        }
        // The labels must tell slices apart, or a reversed order would pass.
        Assert.Equal(!twins, Enumerable.Range(0, volume.Depth).Any(expected.Labels.Any));
        if (!twins) Assert.Contains(Enumerable.Range(0, volume.Depth), k => !expected.Labels.Any(k));
    }

    private static CtVolume Read(string studyFolder)
    {
        using var upload = Upload.Open(studyFolder);
        var selected = Assert.Single(SeriesScanner.Scan(upload).Studies).Selected;
        Assert.NotNull(selected);
        return CtVolumeBuilder.Build(selected, upload);
    }

    /// <summary>labels.csv as SOP Instance UID → the six 0/1 values in file (RSNA) order.</summary>
    private static Dictionary<string, bool[]> RsnaRows(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))
            .GroupBy(f => f[0].Split('_')[1])
            .ToDictionary(g => g.Key, g => g.Select(f => f[1] == "1").ToArray());
}
