using System.IO.Compression;
using System.Text.Json;
using Ich.Dicom;
using Ich.Testing;

namespace Ich.Cli.Tests.Dicom;

public sealed class DicomSeriesCommandTests : IDisposable
{
    private const string PatientName = "SECRET^PATIENT";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ich-cli-series-" + Guid.NewGuid().ToString("N"));

    public DicomSeriesCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task GivenSoftAndBoneSeries_WhenListed_ThenSoftIsSelectedAndBoneExplained()
    {
        WriteSeries("soft", "2.25.77.2", 2, "H31s");
        WriteSeries("bone", "2.25.77.3", 3, "H70h");
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "hello");

        var result = await CommandLineRunner.RunAsync("dicom", "series", _folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[selected] series 2 'Head' (2.25.77.2)", result.Output);
        Assert.Contains("not eligible: sharp (bone/lung) kernel 'H70h'", result.Output);
        Assert.Contains("12 slices every 5 mm", result.Output);
        Assert.Matches(@"notes\.txt: not a DICOM file", result.Output);
    }

    [Fact]
    public async Task GivenAnyUpload_WhenListed_ThenNoPatientIdentityIsPrinted()
    {
        WriteSeries("soft", "2.25.77.2", 2, "H31s");

        var text = await CommandLineRunner.RunAsync("dicom", "series", _folder);
        var json = await CommandLineRunner.RunAsync("dicom", "series", _folder, "--json");

        Assert.DoesNotContain("SECRET", text.Output + text.Error + json.Output + json.Error);
    }

    [Fact]
    public async Task GivenJsonOption_WhenListed_ThenTheReportIsJsonWithTheSelection()
    {
        WriteSeries("soft", "2.25.77.2", 2, "H31s");

        var result = await CommandLineRunner.RunAsync("dicom", "series", _folder, "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var study = document.RootElement.GetProperty("studies")[0];
        Assert.Equal("2.25.77.2", study.GetProperty("selectedSeriesInstanceUid").GetString());
        Assert.Equal(12, study.GetProperty("series")[0].GetProperty("geometry").GetProperty("slices").GetInt32());
    }

    [Fact]
    public async Task GivenOnlyTheRealMrSeries_WhenListed_ThenExitCodeIsOneWithTheReason()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "series", RepositoryPaths.Combine("tests", "data", "dicom", "mr-brain-series"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not eligible: modality is 'MR', not CT", result.Output);
        Assert.Contains("No series of this study can be analysed.", result.Output);
    }

    [Fact]
    public async Task GivenAMissingPath_WhenListed_ThenExitCodeIsTwoWithAClearError()
    {
        var result = await CommandLineRunner.RunAsync("dicom", "series", Path.Combine(_folder, "nothing-here"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("is neither a file nor a folder", result.Error);
    }

    [Fact]
    public async Task GivenAZipBomb_WhenListed_ThenExitCodeIsTwoAndTheUploadIsRejected()
    {
        var zipPath = Path.Combine(_folder, "bomb.zip");
        using (var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        using (var entry = archive.CreateEntry("slice.dcm", CompressionLevel.Optimal).Open())
        {
            entry.Write(new byte[64 << 20]);
        }

        var result = await CommandLineRunner.RunAsync("dicom", "series", zipPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("possible zip bomb", result.Error);
    }

    /// <summary>A minimal real CT series (Explicit VR LE Part 10 files through the project's writer).</summary>
    private void WriteSeries(string subfolder, string seriesUid, int seriesNumber, string kernel)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, subfolder)).FullName;
        for (var slice = 0; slice < 12; slice++)
        {
            var d = new DicomDataset();
            d.Set(DicomTags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
            d.Set(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
            d.Set(DicomTags.SOPInstanceUID, DicomVR.UI, $"{seriesUid}.{slice + 1}");
            d.Set(DicomTags.Modality, DicomVR.CS, "CT");
            d.Set(DicomTags.SeriesDescription, DicomVR.LO, "Head");
            d.Set(DicomTags.PatientName, DicomVR.PN, PatientName);
            d.Set(DicomTags.PatientID, DicomVR.LO, "SECRET-ID");
            d.SetNumbers(DicomTags.SliceThickness, DicomVR.DS, 5);
            d.Set(DicomTags.ConvolutionKernel, DicomVR.SH, kernel);
            d.Set(DicomTags.StudyInstanceUID, DicomVR.UI, "2.25.77");
            d.Set(DicomTags.SeriesInstanceUID, DicomVR.UI, seriesUid);
            d.SetNumbers(DicomTags.SeriesNumber, DicomVR.IS, seriesNumber);
            d.SetNumbers(DicomTags.InstanceNumber, DicomVR.IS, slice + 1);
            d.SetNumbers(DicomTags.ImagePositionPatient, DicomVR.DS, -4, -4, slice * 5.0);
            d.SetNumbers(DicomTags.ImageOrientationPatient, DicomVR.DS, 1, 0, 0, 0, 1, 0);
            d.SetNumbers(DicomTags.SamplesPerPixel, DicomVR.US, 1);
            d.Set(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
            d.SetNumbers(DicomTags.Rows, DicomVR.US, 16);
            d.SetNumbers(DicomTags.Columns, DicomVR.US, 16);
            d.SetNumbers(DicomTags.PixelSpacing, DicomVR.DS, 0.5, 0.5);
            d.SetNumbers(DicomTags.BitsAllocated, DicomVR.US, 16);
            d.SetNumbers(DicomTags.BitsStored, DicomVR.US, 16);
            d.SetNumbers(DicomTags.HighBit, DicomVR.US, 15);
            d.SetNumbers(DicomTags.PixelRepresentation, DicomVR.US, 0);
            d.SetNumbers(DicomTags.RescaleIntercept, DicomVR.DS, -1024);
            d.SetNumbers(DicomTags.RescaleSlope, DicomVR.DS, 1);
            d.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[16 * 16 * 2]);
            // Names in reverse order of position: ordering must come from the geometry.
            File.WriteAllBytes(Path.Combine(folder, $"{99 - slice}.dcm"),
                DicomWriter.WriteToBytes(DicomFile.Create(d, TransferSyntax.ExplicitVRLittleEndian)));
        }
    }
}
