// Two measurements in one process, on one model (the shipped IchNet architecture, seeded weights, exported by our
// exporter) and one input (a 40-slice 512² phantom study preprocessed by the model's contract):
//   1. ONNX Runtime vs TorchSharp forward time, same threads, median of N runs each (target: ORT >= 5x faster);
//   2. the service on loopback under C concurrent clients for S seconds: throughput, p50/p95 latency, errors.
// Usage: dotnet InferenceServiceBenchmark.dll [seconds=60] [clients=8] [threads=2] [workers=1]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Ich.Inference.Client.Contract;
using Ich.Inference.Engine;
using Ich.Inference.Models;
using Ich.InferenceService.Hosting;
using Ich.InferenceService.Requests;
using Ich.Phantoms;
using Ich.Preprocessing;
using Ich.Training.Export;
using Ich.Training.Network;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using static TorchSharp.torch;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
var workers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
var inv = CultureInfo.InvariantCulture;

var folder = Directory.CreateTempSubdirectory("ich-bench-inference-").FullName;
try
{
    var contract = InputContract.Default;
    random.manual_seed(7);
    using var net = new IchNet(new IchNetConfig());
    net.eval();
    var onnx = Path.Combine(folder, "model.onnx");
    OnnxExporter.Export(net, contract.InputSize, onnx);
    new ModelCard { Name = "bench-ich", Version = "bench", Sha256 = ModelCard.HashFile(onnx), Tensors = new ModelTensors { SeriesLengths = OnnxExporter.SeriesLengthsInput }, Labels = IchLabels.Names, Input = contract }
        .Write(Path.Combine(folder, ModelCard.FileName));

    var volume = new PhantomGenerator(11, new PhantomOptions { Matrix = 512, SliceCount = 40, Hemorrhage = true }).Generate(0).ToHuVolume();
    var input = SeriesPreprocessor.Preprocess(volume, contract, maxDegreeOfParallelism: threads);
    Console.WriteLine(string.Create(inv, $"model   : IchNet default config ({net.parameters().Sum(p => p.numel()):N0} parameters), input {string.Join('×', input.Shape)} from a 40-slice 512² phantom"));

    // 1. ORT vs TorchSharp on the same weights and tensor.
    const int runs = 20;
    using (var ort = OnnxIchModel.Load(folder, new EngineOptions { PreferGpu = false, IntraOpThreads = threads }))
    {
        set_num_threads(threads);
        using var slices = tensor(input.Tensor, [1, .. input.Shape.Select(d => (long)d)]);
        float[] torchSubject, torchSlices;
        using (no_grad())
        {
            var (s0, j0) = net.call(slices); // warm-up
            s0.Dispose(); j0.Dispose();
            var (s, j) = net.call(slices);
            using var subjectProbabilities = sigmoid(j);
            using var sliceProbabilities = sigmoid(s);
            torchSubject = subjectProbabilities.data<float>().ToArray();
            torchSlices = sliceProbabilities.data<float>().ToArray();
            s.Dispose(); j.Dispose();
        }

        // Interleaved, so a change in the machine's load (other work shares these cores) hits both sides alike.
        var (ortMs, torchMs) = InterleavedMedians(runs, () => ort.Predict(input), () =>
        {
            using var scope = NewDisposeScope();
            using (no_grad()) net.call(slices);
        });
        var ortPrediction = ort.Predict(input);
        var diff = ortPrediction.SubjectProbabilities.Zip(torchSubject, (a, b) => Math.Abs(a - b))
            .Concat(ortPrediction.SlabProbabilities.Zip(torchSlices, (a, b) => Math.Abs(a - b))).Max();
        var ratio = torchMs / ortMs;
        Console.WriteLine(string.Create(inv, $"forward : ONNX Runtime {ortMs:0.0} ms, TorchSharp {torchMs:0.0} ms (median of {runs}, {threads} threads each): ORT {ratio:0.0}x faster; slab and subject probabilities agree within {diff:G2} (target >= 5x: {(ratio >= 5 ? "PASS" : "BELOW TARGET")})"));
    }

    // 2. The service on loopback under concurrent clients: fused micro-batches off (MaxBatchSeries 1) and on, side by
    // side in this one run, so the machine's load hits both alike.
    var failed = false;
    var throughput = new Dictionary<int, double>();
    foreach (var maxBatch in new[] { 1, 8 })
    {
        var (rate, ok) = await ServeAsync(maxBatch);
        throughput[maxBatch] = rate;
        failed |= !ok;
    }

    Console.WriteLine(string.Create(inv, $"fused batches: {throughput[8]:0.00} req/s vs {throughput[1]:0.00} req/s one series per run ({throughput[8] / Math.Max(1e-9, throughput[1]):0.00}x)"));
    Environment.ExitCode = failed ? 1 : 0;

    async Task<(double Rate, bool Ok)> ServeAsync(int maxBatch)
    {
        var app = InferenceServiceApp.Create(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", $"--Ich:ModelFolder={folder}",
            "--Ich:PreferGpu=true", $"--Ich:IntraOpThreads={threads}", $"--Ich:Concurrency={workers}", $"--Ich:QueueCapacity={clients}", $"--Ich:MaxBatchSeries={maxBatch}"]);
        await app.StartAsync();
        try
        {
            var address = ((IServer)app.Services.GetService(typeof(IServer))!).Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            while (!(await http.GetAsync("/readyz")).IsSuccessStatusCode) await Task.Delay(100);
            var body = MemoryMarshal.AsBytes(volume.Voxels.AsSpan()).ToArray();
            HttpRequestMessage Request()
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(VolumeHeaders.OctetStream);
                var request = new HttpRequestMessage(HttpMethod.Post, "/v1/infer") { Content = content };
                request.Headers.Add(VolumeHeaders.Width, volume.Width.ToString(inv));
                request.Headers.Add(VolumeHeaders.Height, volume.Height.ToString(inv));
                request.Headers.Add(VolumeHeaders.Slices, volume.Depth.ToString(inv));
                request.Headers.Add(VolumeHeaders.RowSpacingMm, volume.RowSpacingMm.ToString(inv));
                request.Headers.Add(VolumeHeaders.ColumnSpacingMm, volume.ColumnSpacingMm.ToString(inv));
                request.Headers.Add(VolumeHeaders.SliceSpacingMm, (volume.SlicePositionsMm[1] - volume.SlicePositionsMm[0]).ToString(inv));
                return request;
            }

            using (var warm = await http.SendAsync(Request())) warm.EnsureSuccessStatusCode();
            var latencies = new List<double>();
            var errors = 0;
            var statuses = new Dictionary<int, int>();
            var steps = new Dictionary<string, double> { ["readMs"] = 0, ["queueMs"] = 0, ["preprocessMs"] = 0, ["inferenceMs"] = 0, ["batchSeries"] = 0 };
            var clock = Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (clock.Elapsed < end)
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.SendAsync(Request());
                        var json = await response.Content.ReadAsByteArrayAsync();
                        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        lock (latencies)
                        {
                            if (response.IsSuccessStatusCode)
                            {
                                latencies.Add(ms);
                                using var document = System.Text.Json.JsonDocument.Parse(json);
                                var timings = document.RootElement.GetProperty("timings");
                                foreach (var step in steps.Keys) steps[step] += timings.GetProperty(step).GetDouble();
                            }
                            else errors++;
                            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        lock (latencies) errors++;
                    }
                }
            })));
            var elapsed = clock.Elapsed.TotalSeconds;
            latencies.Sort();
            Console.WriteLine("steps   : mean per request " + string.Join(", ", steps.Select(s => string.Create(inv, $"{s.Key} {s.Value / Math.Max(1, latencies.Count):0.0}"))) + $" ({workers} worker(s), MaxBatchSeries {maxBatch})");
            Console.WriteLine(string.Create(inv,
                $"inference-service: MaxBatchSeries {maxBatch}, {clients} clients, {workers} worker(s), for {elapsed:0} s on loopback, 40×512² per request: {latencies.Count} ok, {errors} errors ({string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}), {latencies.Count / elapsed:0.00} req/s, p50 {Percentile(latencies, 0.50):0} ms, p95 {Percentile(latencies, 0.95):0} ms, {(errors == 0 ? "PASS" : "FAIL")}"));
            return (latencies.Count / elapsed, errors == 0);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static (double A, double B) InterleavedMedians(int runs, Action a, Action b)
{
    a();
    b();
    var timesA = new double[runs];
    var timesB = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var started = Stopwatch.GetTimestamp();
        a();
        timesA[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        started = Stopwatch.GetTimestamp();
        b();
        timesB[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    Array.Sort(timesA);
    Array.Sort(timesB);
    return (timesA[runs / 2], timesB[runs / 2]);
}

static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
