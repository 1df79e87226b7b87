// ich analyze stage by stage, in process, on the same kind of study as benchmarks/analyze (a 40-slice 512² phantom
// with a bleed, 3.5 mm, written as DICOM), with the shipped model loaded the way `ich analyze` loads it. Prints the
// median of each stage over the runs, and the model's MACs per series counted from its network definition.
// Usage: dotnet StagesBenchmark.dll REPOSITORY_ROOT [runs, default 5]

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ich.Inference.Engine;
using Ich.Phantoms;
using Ich.Phantoms.Output;
using Ich.Pipeline.Explain;
using Ich.Pipeline.Infer;
using Ich.Pipeline.Ingest;
using Ich.Pipeline.Normalize;
using Ich.Pipeline.Publish;
using Ich.Pipeline.SelectSeries;
using Ich.Preprocessing;
using Ich.Training.Network;

var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var work = Directory.CreateTempSubdirectory("ich-bench-stages-").FullName;
try
{
    CohortWriter.Write(new CohortRequest
    {
        OutputFolder = Path.Combine(work, "upload"),
        Studies = 1,
        Seed = 40,
        Options = new PhantomOptions { Matrix = 512, SliceThicknessMm = 3.5f, SliceCount = 40, Prevalence = 1 },
    });
    var upload = Path.Combine(work, "upload", CohortWriter.FolderName(0));
    var modelFolder = Path.Combine(root, "models", "ich-sli-lab");
    using var model = OnnxIchModel.Load(modelFolder, new EngineOptions { PreferGpu = false, IntraOpThreads = Math.Min(Environment.ProcessorCount, 4) });

    string[] stages = ["ingest", "select", "normalize", "preprocess", "infer", "explain", "publish"];
    var times = stages.ToDictionary(s => s, _ => new List<double>());
    var slices = 0;
    var slabs = 0;
    for (var run = 0; run <= runs; run++)
    {
        // Run 0 warms the JIT and the file cache and is not counted, as benchmarks/analyze warms before timing.
        var clock = Stopwatch.StartNew();
        double Lap() { var ms = clock.Elapsed.TotalMilliseconds; clock.Restart(); return ms; }
        var lap = new Dictionary<string, double>();
        var ingest = IngestOperator.Run(new IngestRequest([upload]));
        lap["ingest"] = Lap();
        var selection = SelectSeriesOperator.Run(ingest).Single();
        lap["select"] = Lap();
        var series = NormalizeOperator.Run(selection);
        lap["normalize"] = Lap();
        var input = SeriesPreprocessor.Preprocess(series.ToHuVolume(), model.Card.Input, maxDegreeOfParallelism: 2);
        lap["preprocess"] = Lap();
        var inference = InferOperator.Run(series, model, input);
        lap["infer"] = Lap();
        var folder = Path.Combine(work, $"out{run}");
        var explanation = ExplainOperator.Run(series, inference, folder);
        lap["explain"] = Lap();
        var result = PublishOperator.Run(new PublishRequest(folder, selection, inference.Findings, explanation, selection.Warnings));
        lap["publish"] = Lap();
        if (!result.IsOk) throw new InvalidOperationException($"run {run}: the series failed: {result.Error}");
        (slices, slabs) = (series.Volume.Depth, input.SlabCount);
        if (run == 0) continue;
        foreach (var (stage, ms) in lap) times[stage].Add(ms);
        Console.WriteLine($"run {run}: " + string.Join(", ", stages.Select(s => $"{s} {lap[s]:0} ms")) + $"; total {lap.Values.Sum():0} ms");
    }

    Console.WriteLine($"study: {slices} slices of 512x512 (phantom, 3.5 mm), {slabs} slabs; medians over {runs} runs:");
    foreach (var stage in stages) Console.WriteLine($"  {stage,-10} {Median(times[stage]),8:0.0} ms");
    var totals = Enumerable.Range(0, runs).Select(i => stages.Sum(s => times[s][i])).ToList();
    Console.WriteLine($"  {"total",-10} {Median(totals),8:0.0} ms");

    var network = JsonSerializer.Deserialize<IchNetConfig>(model.Card.Training?.Network ?? throw new InvalidDataException("The card names no network configuration."))!;
    var cost = IchNetCost.Of(network, model.Card.Input.InputSize);
    Console.WriteLine($"model {model.Card.Name} {model.Card.Version}, {model.Card.Input.InputSize}² input, counted from its network definition:");
    Console.WriteLine($"  per slab: encoder {Giga(cost.EncoderPerSlab)} GMAC, GRU + slice head {Mega(cost.SequencePerSlab)} MMAC, Grad-CAM {Mega(cost.GradCamPerSlab)} MMAC");
    Console.WriteLine($"  per series of {slabs} slabs: {Giga(cost.PerSeries(slabs))} GMAC ({Giga(2 * cost.PerSeries(slabs))} GFLOP at 2 FLOP per MAC), {Giga(cost.PerSeries(slabs, gradCam: false))} GMAC without Grad-CAM");
}
finally
{
    Directory.Delete(work, recursive: true);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Giga(long macs) => (macs / 1e9).ToString("0.000", CultureInfo.InvariantCulture);

static string Mega(long macs) => (macs / 1e6).ToString("0.000", CultureInfo.InvariantCulture);
