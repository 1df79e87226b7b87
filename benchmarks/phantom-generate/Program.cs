using System.Diagnostics;
using System.Globalization;
using Ich.Phantoms;

// Times whole-study generation (anatomy, lesions, slice profile, PSF, noise, integer HU) on one thread.
// The bar: a 40-slice 512² study in ≤ 0.3 s of CPU time on one core. CPU time is reported next to wall time
// because shared CI machines steal wall time; the verdict uses the median CPU time.
var studies = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
const double BarSeconds = 0.3;

Measure("40 slices, 512², bar case", new PhantomOptions { Matrix = 512, SliceCount = 40, Hemorrhage = true }, studies, out var barMedian);
Measure("5 mm (~28 slices), 512²", new PhantomOptions { Matrix = 512, SliceThicknessMm = 5f }, studies, out _);
Measure("2.5 mm (~56 slices), 512²", new PhantomOptions { Matrix = 512, SliceThicknessMm = 2.5f }, studies, out _);
Measure("training: 5 mm, 256²", new PhantomOptions { Matrix = 256, SliceThicknessMm = 5f }, studies, out _);
Measure("training: 5 mm, 128²", new PhantomOptions { Matrix = 128, SliceThicknessMm = 5f }, studies, out _);

var pass = barMedian <= BarSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"bar: 40-slice 512² study median CPU {barMedian:0.000} s (bar {BarSeconds} s): {(pass ? "PASS" : "FAIL")}"));
return pass ? 0 : 1;

static void Measure(string name, PhantomOptions options, int count, out double medianCpu)
{
    var generator = new PhantomGenerator(2019, options);
    generator.Generate(1000); // warm-up: JIT and first-use allocations
    var process = Process.GetCurrentProcess();
    var cpu = new List<double>();
    var wall = new List<double>();
    var slices = 0;
    for (var i = 0; i < count; i++)
    {
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var study = generator.Generate(i);
        clock.Stop();
        process.Refresh();
        cpu.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
        wall.Add(clock.Elapsed.TotalSeconds);
        slices += study.Geometry.SliceCount;
    }
    cpu.Sort();
    wall.Sort();
    medianCpu = cpu[count / 2];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-28} {count} studies, {slices / (double)count:0.0} slices/study: CPU median {medianCpu:0.000} s (min {cpu[0]:0.000}), wall median {wall[count / 2]:0.000} s"));
}
