using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Ich.Dicom;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Inputs.Sources;
using Ich.Phantoms;
using Ich.Phantoms.Output;
using Ich.Pipeline.Ingest;
using Ich.Pipeline.Normalize;
using Ich.Pipeline.SelectSeries;
using Ich.Testing;

// generate ZIP MB: one 512² phantom study, written again and again with new UIDs (a new study each time) as stored
//                  entries until the zip reaches MB megabytes.
// ingest ZIP path|stream: ingest, select and normalize every study of ZIP with the Functions-host limits, one
//                  volume at a time, then print the process's peak resident memory (VmHWM). "stream" reads the zip
//                  through a forward-only stream source, as a blob download would be.
return args switch
{
    ["generate", var zip, var mb] => Generate(zip, long.Parse(mb, CultureInfo.InvariantCulture) << 20),
    ["ingest", var zip, var mode and ("path" or "stream")] => Ingest(zip, mode),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: IngestBenchmark generate ZIP MB | ingest ZIP path|stream");
    return 2;
}

static int Generate(string zipPath, long targetBytes)
{
    var folder = Directory.CreateTempSubdirectory("ich-bench-ingest-").FullName;
    try
    {
        CohortWriter.Write(new CohortRequest { OutputFolder = folder, Studies = 1, Seed = 11, Options = new PhantomOptions { Matrix = 512 } });
        var slices = Directory.GetFiles(Path.Combine(folder, CohortWriter.FolderName(0)), "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => DicomReader.Read(File.ReadAllBytes(path))).ToArray();
        using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        long written = 0;
        var copy = 0;
        for (; written < targetBytes; copy++)
        {
            var study = $"2.25.{9000 + copy}";
            for (var i = 0; i < slices.Length; i++)
            {
                var dataset = slices[i].Dataset.Clone();
                dataset.Set(DicomTags.StudyInstanceUID, DicomVR.UI, study);
                dataset.Set(DicomTags.SeriesInstanceUID, DicomVR.UI, study + ".2");
                dataset.Set(DicomTags.SOPInstanceUID, DicomVR.UI, $"{study}.2.{i + 1}");
                var bytes = DicomWriter.WriteToBytes(DicomFile.Create(dataset, slices[i].TransferSyntax));
                using var entry = archive.CreateEntry($"study-{copy:D4}/IM-{i + 1:D4}.dcm", CompressionLevel.NoCompression).Open();
                entry.Write(bytes);
                written += bytes.Length;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {copy} studies × {slices.Length} slices, {written / 1e6:0} MB of DICOM"));
        return 0;
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

static int Ingest(string zipPath, string mode)
{
    var clock = Stopwatch.StartNew();
    var request = mode == "path"
        ? new IngestRequest([zipPath])
        : new IngestRequest([]) { Streams = [new StreamSource(Path.GetFileName(zipPath), () => ForwardOnlyStream.OfFile(zipPath))] };
    using var upload = request.Open(IngestOptions.FunctionsHost);
    var ingest = IngestOperator.Run(request, upload);
    var ingestSeconds = clock.Elapsed.TotalSeconds;
    var selections = SelectSeriesOperator.Run(ingest, upload);
    long voxels = 0;
    var normalized = 0;
    foreach (var selection in selections.Where(s => s.IsAccepted))
    {
        var series = NormalizeOperator.Run(selection, upload);
        voxels += series.Volume.Hounsfield.Length;
        normalized++;
    }

    var peak = PeakResidentBytes();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{mode}: {new FileInfo(zipPath).Length / 1e6:0} MB zip, {ingest.Studies.Count} studies, {normalized} normalized ({voxels * 2 / 1e6:0} MB of pixels), " +
        $"ingest {ingestSeconds:0.0} s, total {clock.Elapsed.TotalSeconds:0.0} s, peak RSS {peak / 1e6:0} MB"));
    Console.WriteLine($"PEAK_RSS_MB={peak / 1_000_000}");
    return normalized == ingest.Studies.Count && normalized > 0 ? 0 : 1;
}

static long PeakResidentBytes()
{
    // VmHWM: the high-water mark of resident memory over the process's life, in kB.
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
