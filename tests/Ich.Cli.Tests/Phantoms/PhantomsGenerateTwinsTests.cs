using Ich.Dicom;
using Ich.Phantoms.Output;

namespace Ich.Cli.Tests.Phantoms;

/// <summary>A cohort written with <c>--twins</c>: each subject as a positive study and its lesion-free twin.</summary>
public sealed class TwinCohortFixture : IDisposable
{
    public const long Seed = 23;

    public TwinCohortFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ich-phantoms-twins-" + Guid.NewGuid().ToString("N"));
        Result = CommandLineRunner.RunAsync("phantoms", "generate", "--out", Folder, "--studies", "2", "--seed", "23",
            "--matrix", "64", "--prevalence", "0", "--twins").GetAwaiter().GetResult();
    }

    public string Folder { get; }

    public CommandLineRunner.Result Result { get; }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

public sealed class PhantomsGenerateTwinsTests(TwinCohortFixture cohort) : IClassFixture<TwinCohortFixture>
{
    [Fact]
    public void Twins_WritesEachSubjectAsAPositiveAndALesionFreeStudy_EvenAtZeroPrevalence()
    {
        Assert.Equal(0, cohort.Result.ExitCode);
        Assert.Contains("Wrote 4 studies (2 with hemorrhage", cohort.Result.Output);
        Assert.Equal(["study-00000", "study-00000-twin", "study-00001", "study-00001-twin"],
            Directory.GetDirectories(cohort.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StudiesCsv_LinksEachLesionFreeTwinToItsPositive()
    {
        var lines = File.ReadAllLines(Path.Combine(cohort.Folder, CohortWriter.StudiesFileName));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(r => r[Array.IndexOf(header, "study_folder")]);
        string Field(string folder, string column) => rows[folder][Array.IndexOf(header, column)];

        Assert.Equal(4, rows.Count);
        foreach (var i in new[] { 0, 1 })
        {
            var positive = CohortWriter.FolderName(i);
            var twin = CohortWriter.TwinFolderName(i);
            Assert.Equal("", Field(positive, "twin_of"));
            Assert.Equal(positive, Field(twin, "twin_of"));
            Assert.Equal("1", Field(positive, "any"));
            Assert.Equal("0", Field(twin, "any"));
            Assert.Equal("0", Field(twin, "positive_slices"));
            Assert.Equal("", Field(twin, "lesions"));
            Assert.Equal(Field(positive, "slices"), Field(twin, "slices"));
            Assert.Equal(Field(positive, "study_index"), Field(twin, "study_index"));
            Assert.Equal(PhantomUids.Study(TwinCohortFixture.Seed, i, lesionFreeTwin: true), Field(twin, "study_instance_uid"));
            Assert.Equal(PhantomUids.Study(TwinCohortFixture.Seed, i), Field(positive, "study_instance_uid"));
        }
    }

    [Fact]
    public void TwinSlices_HaveTheirOwnUids_TheSameGeometry_AndOnlyNegativeLabels()
    {
        var labels = File.ReadAllLines(Path.Combine(cohort.Folder, CohortWriter.LabelsFileName)).Skip(1)
            .ToLookup(l => l.Split('_')[1], l => l[^1]);
        var positive = Slices("study-00000");
        var twin = Slices("study-00000-twin");

        Assert.Equal(positive.Count, twin.Count);
        Assert.NotEqual(positive[0].GetString(DicomTags.StudyInstanceUID), twin[0].GetString(DicomTags.StudyInstanceUID));
        Assert.NotEqual(positive[0].GetString(DicomTags.SeriesInstanceUID), twin[0].GetString(DicomTags.SeriesInstanceUID));
        Assert.NotEqual(positive[0].GetString(DicomTags.FrameOfReferenceUID), twin[0].GetString(DicomTags.FrameOfReferenceUID));
        for (var k = 0; k < positive.Count; k++)
        {
            Assert.NotEqual(positive[k].GetString(DicomTags.SOPInstanceUID), twin[k].GetString(DicomTags.SOPInstanceUID));
            Assert.Equal(positive[k].GetDoubles(DicomTags.ImagePositionPatient), twin[k].GetDoubles(DicomTags.ImagePositionPatient));
            Assert.Equal(positive[k].GetDoubles(DicomTags.PixelSpacing), twin[k].GetDoubles(DicomTags.PixelSpacing));
            Assert.Equal(positive[k].GetDouble(DicomTags.SliceThickness), twin[k].GetDouble(DicomTags.SliceThickness));
            Assert.Equal(positive[k].GetString(DicomTags.PatientID), twin[k].GetString(DicomTags.PatientID));
            Assert.Equal(6, labels[twin[k].GetString(DicomTags.SOPInstanceUID)!].Count());
            Assert.All(labels[twin[k].GetString(DicomTags.SOPInstanceUID)!], v => Assert.Equal('0', v));
        }
        Assert.Contains(positive, d => labels[d.GetString(DicomTags.SOPInstanceUID)!].Contains('1'));
    }

    private List<DicomDataset> Slices(string folder) =>
        [.. Directory.GetFiles(Path.Combine(cohort.Folder, folder, "series-2-brain")).Select(f => DicomReader.Read(f).Dataset)
            .OrderBy(d => d.GetDouble(DicomTags.InstanceNumber))];
}
