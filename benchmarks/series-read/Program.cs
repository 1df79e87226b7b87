using System.Diagnostics;
using System.Globalization;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Tests.Support;
using Ich.Dicom.Series.Volumes;

// Usage:
//   SeriesReadBenchmark write <folder>                 writes a 40-slice 512×512 16-bit uncompressed CT series
//   SeriesReadBenchmark read <folder> [iterations]     reads it into a Hounsfield volume, single-threaded, and prints GB/s
// GB/s counts the pixel data (slices × rows × columns × 2 bytes) per wall-clock second of the whole read: header
// scan, grouping, ordering, file reads, decoding and the HU conversion.

return args switch
{
    ["write", var folder] => Write(folder),
    ["read", var folder] => Read(folder, 20),
    ["read", var folder, var n] when int.TryParse(n, out var iterations) && iterations > 0 => Read(folder, iterations),
    _ => Usage(),
};

static int Write(string folder)
{
    var series = new SyntheticCtSeries { Slices = 40, Rows = 512, Columns = 512 };
    series.WriteTo(folder);
    Console.WriteLine($"wrote {series.Slices} slices of {series.Columns}×{series.Rows} to {folder}");
    return 0;
}

static int Read(string folder, int iterations)
{
    CtVolume Once()
    {
        using var upload = Upload.Open(folder);
        var selected = SeriesScanner.Scan(upload).Studies.Single().Selected
            ?? throw new InvalidOperationException("The benchmark series was not selected.");
        return CtVolumeBuilder.Build(selected, upload, maxDegreeOfParallelism: 1);
    }

    // Warm up to steady state: tiered JIT promotes the hot loops to fully optimised code after ~30 calls and a pause.
    var warm = Once();
    var warmUp = Stopwatch.StartNew();
    for (var i = 0; i < 10 || warmUp.Elapsed < TimeSpan.FromSeconds(2); i++) Once();
    var pixelBytes = (long)warm.Width * warm.Height * warm.Depth * sizeof(ushort);
    var seconds = new double[iterations];
    var cpuSeconds = new double[iterations];
    var scanSeconds = new double[iterations];
    var process = Process.GetCurrentProcess();
    for (var i = 0; i < iterations; i++)
    {
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var upload = Upload.Open(folder);
        var selected = SeriesScanner.Scan(upload).Studies.Single().Selected!;
        scanSeconds[i] = clock.Elapsed.TotalSeconds;
        CtVolumeBuilder.Build(selected, upload, maxDegreeOfParallelism: 1);
        seconds[i] = clock.Elapsed.TotalSeconds;
        process.Refresh();
        cpuSeconds[i] = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    }

    var median = Median(seconds);
    var cpuMedian = Median(cpuSeconds);
    var gbps = pixelBytes / median / 1e9;
    // CPU time is printed too: on a busy machine wall-clock time measures the load, not the reader.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"dotnet  : {gbps:0.000} GB/s wall, {pixelBytes / cpuMedian / 1e9:0.000} GB/s CPU time  (median {median * 1000:0.0} ms of {iterations}, " +
        $"best {seconds.Min() * 1000:0.0} ms, header scan {Median(scanSeconds) * 1000:0.0} ms, {pixelBytes / 1e6:0.0} MB pixel data, {Environment.ProcessorCount} core(s) visible)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT dotnet_gbps={gbps:0.0000} dotnet_cpu_gbps={pixelBytes / cpuMedian / 1e9:0.0000}"));
    return 0;
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

static int Usage()
{
    Console.Error.WriteLine("usage: SeriesReadBenchmark write <folder> | read <folder> [iterations]");
    return 2;
}
