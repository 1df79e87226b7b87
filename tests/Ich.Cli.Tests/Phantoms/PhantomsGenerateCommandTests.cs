using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Ich.Dicom;

namespace Ich.Cli.Tests.Phantoms;

/// <summary>A small generated cohort shared by the tests that only read it.</summary>
public sealed class GeneratedCohortFixture : IDisposable
{
    public GeneratedCohortFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ich-phantoms-" + Guid.NewGuid().ToString("N"));
        Result = CommandLineRunner.RunAsync("phantoms", "generate", "--out", Folder, "--studies", "3", "--seed", "21",
            "--matrix", "128", "--prevalence", "0.65", "--distractors").GetAwaiter().GetResult();
    }

    public string Folder { get; }

    public CommandLineRunner.Result Result { get; }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

public sealed class PhantomsGenerateCommandTests(GeneratedCohortFixture cohort) : IClassFixture<GeneratedCohortFixture>
{
    private static readonly string[] Subtypes = ["epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural", "any"];

    [Fact]
    public void Generate_SucceedsAndSaysPhantomsAreNotPatients()
    {
        Assert.Equal(0, cohort.Result.ExitCode);
        Assert.Contains("Wrote 3 studies", cohort.Result.Output);
        Assert.Contains("not patients", cohort.Result.Output);
    }

    [Fact]
    public void LabelsCsv_HasSixRsnaRowsPerAnalysedSlice()
    {
        var lines = File.ReadAllLines(Path.Combine(cohort.Folder, "labels.csv"));
        var slices = Directory.GetFiles(cohort.Folder, "*.dcm", SearchOption.AllDirectories)
            .Where(f => f.Contains("series-2-brain", StringComparison.Ordinal)).ToList();

        Assert.Equal("ID,Label", lines[0]);
        Assert.Equal(6 * slices.Count, lines.Length - 1);
        var pattern = new Regex(@"^ID_(2\.25\.\d+)_(epidural|intraparenchymal|intraventricular|subarachnoid|subdural|any),[01]$");
        Assert.All(lines.Skip(1), line => Assert.Matches(pattern, line));
        // Each slice's six rows come together in RSNA order, and "any" is the OR of the five subtypes.
        foreach (var block in lines.Skip(1).Chunk(6))
        {
            var uid = pattern.Match(block[0]).Groups[1].Value;
            Assert.Equal(Subtypes, block.Select(l => pattern.Match(l).Groups[2].Value));
            Assert.All(block, l => Assert.Equal(uid, pattern.Match(l).Groups[1].Value));
            var values = block.Select(l => l[^1] == '1').ToArray();
            Assert.Equal(values[..5].Any(v => v), values[5]);
        }
    }

    [Fact]
    public void LabelsCsv_NamesTheSopInstanceUidsOfTheAnalysedSeries()
    {
        var labelled = File.ReadAllLines(Path.Combine(cohort.Folder, "labels.csv")).Skip(1)
            .Select(l => l.Split('_')[1]).ToHashSet();
        var brainUids = Directory.GetFiles(cohort.Folder, "*.dcm", SearchOption.AllDirectories)
            .Where(f => f.Contains("series-2-brain", StringComparison.Ordinal))
            .Select(f => DicomReader.Read(f).Dataset.GetString(DicomTags.SOPInstanceUID)!).ToHashSet();

        Assert.Equal(brainUids, labelled);
    }

    [Fact]
    public void StudiesCsv_HasOneRowPerStudyWithSubjectLabelsMatchingTheSlices()
    {
        var lines = File.ReadAllLines(Path.Combine(cohort.Folder, "studies.csv"));
        var header = lines[0].Split(',');
        var labels = File.ReadAllLines(Path.Combine(cohort.Folder, "labels.csv")).Skip(1).ToList();

        Assert.Equal(4, lines.Length);
        foreach (var row in lines.Skip(1).Select(l => l.Split(',')))
        {
            Assert.Equal(header.Length, row.Length);
            var folder = row[Array.IndexOf(header, "study_folder")];
            var any = row[Array.IndexOf(header, "any")] == "1";
            var uids = Directory.GetFiles(Path.Combine(cohort.Folder, folder, "series-2-brain"))
                .Select(f => DicomReader.Read(f).Dataset.GetString(DicomTags.SOPInstanceUID)!).ToHashSet();
            var slicePositive = labels.Any(l => l.EndsWith("_any,1", StringComparison.Ordinal) && uids.Contains(l.Split('_')[1]));
            Assert.Equal(slicePositive, any);
            Assert.Equal(any, row[Array.IndexOf(header, "lesions")].Length > 0);
        }
    }

    [Fact]
    public void BrainSeries_HasRealisticCtHeadersReadByTheProjectReader()
    {
        var file = Directory.GetFiles(Path.Combine(cohort.Folder, "study-00000", "series-2-brain")).Order().First();
        var d = DicomReader.Read(file).Dataset;

        Assert.Equal("CT", d.GetString(DicomTags.Modality));
        Assert.Equal("HEAD", d.GetString(DicomTags.BodyPartExamined));
        Assert.Equal(-1024, d.GetDouble(DicomTags.RescaleIntercept));
        Assert.Equal(1, d.GetDouble(DicomTags.RescaleSlope));
        Assert.Equal(40, d.GetDoubles(DicomTags.WindowCenter)[0]);
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], d.GetStrings(DicomTags.ImageType));
        // Axial, or tilted about the left-right axis by the Gantry/Detector Tilt as scanners write it.
        var tilt = d.GetDouble(DicomTags.GantryDetectorTilt)!.Value * Math.PI / 180;
        var orientation = d.GetDoubles(DicomTags.ImageOrientationPatient);
        Assert.Equal([1, 0, 0, 0, Math.Round(Math.Cos(tilt), 6), Math.Round(Math.Sin(tilt), 6)], orientation.Select(v => Math.Round(v, 6)));
        Assert.Equal(3, d.GetDoubles(DicomTags.ImagePositionPatient).Length);
        Assert.InRange(d.GetDouble(DicomTags.SliceThickness)!.Value, 0.6, 5);
        Assert.Contains("PHANTOM", d.GetString(DicomTags.StudyDescription));
        Assert.StartsWith("2.25.", d.GetString(DicomTags.StudyInstanceUID));
    }

    [Fact]
    public void Study_HoldsLocalizerAndBoneDistractorSeries()
    {
        var localizer = DicomReader.Read(Directory.GetFiles(Path.Combine(cohort.Folder, "study-00000", "series-1-localizer")).Single()).Dataset;
        var bone = DicomReader.Read(Directory.GetFiles(Path.Combine(cohort.Folder, "study-00000", "series-3-bone")).First()).Dataset;
        var brain = DicomReader.Read(Directory.GetFiles(Path.Combine(cohort.Folder, "study-00000", "series-2-brain")).First()).Dataset;

        Assert.Contains("LOCALIZER", localizer.GetStrings(DicomTags.ImageType));
        Assert.Equal(brain.GetString(DicomTags.StudyInstanceUID), bone.GetString(DicomTags.StudyInstanceUID));
        Assert.NotEqual(brain.GetString(DicomTags.SeriesInstanceUID), bone.GetString(DicomTags.SeriesInstanceUID));
    }

    [Fact]
    public void BrainSlice_IsReadableByDcmdump()
    {
        var file = Directory.GetFiles(Path.Combine(cohort.Folder, "study-00001", "series-2-brain")).Order().First();
        using var process = Process.Start(new ProcessStartInfo("dcmdump", ["-q", file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("(0008,0060) CS [CT]", output);
        Assert.Contains("(0028,1052) DS [-1024]", output);
    }

    [Fact]
    public async Task SameSeed_WritesTheSameBytes()
    {
        var again = Path.Combine(Path.GetTempPath(), "ich-phantoms-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await CommandLineRunner.RunAsync("phantoms", "generate", "--out", again, "--studies", "3", "--seed", "21",
                "--matrix", "128", "--prevalence", "0.65", "--distractors");

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(Hashes(cohort.Folder), Hashes(again));
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Fact]
    public async Task ImplicitTransferSyntax_IsWrittenAndReadBack()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ich-phantoms-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await CommandLineRunner.RunAsync("phantoms", "generate", "--out", folder, "--studies", "1", "--matrix", "64",
                "--transfer-syntax", "implicit");

            Assert.Equal(0, result.ExitCode);
            var file = DicomReader.Read(Directory.GetFiles(folder, "*.dcm", SearchOption.AllDirectories).First());
            Assert.Equal(TransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
            Assert.Equal("CT", file.Dataset.GetString(DicomTags.Modality));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("rle", "not a transfer syntax")]
    [InlineData("1.2.840.10008.1.2.4.90", "not supported")]
    public async Task UnsupportedTransferSyntax_FailsWithAClearMessage(string syntax, string expected)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ich-phantoms-" + Guid.NewGuid().ToString("N"));
        var result = await CommandLineRunner.RunAsync("phantoms", "generate", "--out", folder, "--studies", "1", "--transfer-syntax", syntax);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Contains("explicit", result.Error);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("--studies", "0")]
    [InlineData("--prevalence", "1.5")]
    [InlineData("--matrix", "100000")]
    [InlineData("--slice-thickness", "6")]
    [InlineData("--gantry-tilt", "31")]
    [InlineData("--pixel-spacing", "0.1")]
    [InlineData("--calibration-offset", "40")]
    [InlineData("--kernel", "bone")]
    public async Task OutOfRangeArgument_FailsWithExitCodeTwo(string option, string value)
    {
        var result = await CommandLineRunner.RunAsync("phantoms", "generate", "--out", Path.GetTempPath(), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.Error);
    }

    [Fact]
    public async Task ScannerFlags_AreWrittenToTheHeadersAndStudiesCsv()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ich-phantoms-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await CommandLineRunner.RunAsync("phantoms", "generate", "--out", folder, "--studies", "1", "--matrix", "128",
                "--slice-thickness", "2.5", "--pixel-spacing", "1.5", "--gantry-tilt", "-20", "--calibration-offset", "5",
                "--grey-white-contrast", "1.1", "--noise-sd", "3", "--kernel", "smooth");

            Assert.Equal(0, result.ExitCode);
            var d = DicomReader.Read(Directory.GetFiles(Path.Combine(folder, "study-00000", "series-2-brain")).First()).Dataset;
            Assert.Equal(-20, d.GetDouble(DicomTags.GantryDetectorTilt));
            Assert.Equal([1.5, 1.5], d.GetDoubles(DicomTags.PixelSpacing));
            Assert.Equal(2.5, d.GetDouble(DicomTags.SliceThickness));
            Assert.Equal("H20s", d.GetString(DicomTags.ConvolutionKernel));
            var lines = File.ReadAllLines(Path.Combine(folder, "studies.csv"));
            var header = lines[0].Split(',');
            var row = lines[1].Split(',');
            string Field(string name) => row[Array.IndexOf(header, name)];
            Assert.Equal("2.5", Field("slice_thickness_mm"));
            Assert.Equal("1.5", Field("pixel_spacing_mm"));
            Assert.Equal("-20", Field("gantry_tilt_deg"));
            Assert.Equal("2.66", Field("table_increment_mm"));
            Assert.Equal("H20s", Field("kernel"));
            Assert.Equal("5", Field("calibration_offset_hu"));
            Assert.Equal("1.1", Field("grey_white_contrast"));
            Assert.Equal("3", Field("noise_sd_5mm_hu"));
            Assert.Equal("4.24", Field("noise_sd_hu"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
