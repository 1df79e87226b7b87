using System.Diagnostics;
using System.Threading.Channels;
using Ich.Inference.Client.Contract;
using Ich.Inference.Engine;
using Ich.InferenceService.Hosting;
using Ich.InferenceService.Models;
using Ich.InferenceService.Responses;
using Ich.Preprocessing;
using Microsoft.Extensions.Options;

namespace Ich.InferenceService.Queueing;

/// <summary>
/// Bounded request queueing in front of the one ONNX Runtime session. Requests are admitted before their body is read
/// (at most <see cref="InferenceServiceOptions.Concurrency"/> running plus <see cref="InferenceServiceOptions.QueueCapacity"/>
/// waiting, so memory stays bounded); more are refused at once with 429 and Retry-After. A worker that becomes free
/// takes the next request and, when the model takes several series per run (its card names a series-lengths input),
/// fuses the requests already waiting (up to <see cref="InferenceServiceOptions.MaxBatchSeries"/> series and
/// <see cref="InferenceServiceOptions.MaxBatchSlabs"/> slabs, optionally waiting
/// <see cref="InferenceServiceOptions.BatchWindowMs"/> for more) into one ONNX Runtime run; the model still reads each
/// series on its own. If a fused run fails, each of its requests is run alone, so one cannot fail the others.
/// </summary>
public sealed class InferenceQueue : BackgroundService
{
    private readonly InferenceServiceOptions _options;
    private readonly ModelHost _models;
    private readonly ILogger<InferenceQueue> _log;
    private readonly Channel<InferenceJob> _jobs = Channel.CreateUnbounded<InferenceJob>(new UnboundedChannelOptions { SingleWriter = false });
    private int _admitted;
    private int _running;
    private long _completed;

    /// <summary>Creates the queue.</summary>
    public InferenceQueue(IOptions<InferenceServiceOptions> options, ModelHost models, ILogger<InferenceQueue> log)
    {
        _options = options.Value;
        _models = models;
        _log = log;
    }

    /// <summary>Requests admitted and not yet answered (running or waiting).</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>Requests being run by a worker.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Requests answered since start.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Most requests admitted at once.</summary>
    public int Capacity => _options.Concurrency + _options.QueueCapacity;

    /// <summary>Takes a place in the queue, or returns null when it is full (answer 429).</summary>
    /// <returns>A lease to dispose once the response is written.</returns>
    public IDisposable? TryAdmit()
    {
        while (true)
        {
            var current = Volatile.Read(ref _admitted);
            if (current >= Capacity) return null;
            if (Interlocked.CompareExchange(ref _admitted, current + 1, current) == current) return new Admission(this);
        }
    }

    /// <summary>Queues one admitted series and waits for its answer.</summary>
    /// <param name="volume">The series.</param>
    /// <param name="allStages">Report subtypes whatever p(any).</param>
    /// <param name="gradCam">Add the Grad-CAM maps of the positive slabs.</param>
    /// <param name="readMs">Time spent reading the body, for the timings.</param>
    /// <param name="arrival">When the request arrived (<see cref="Stopwatch.GetTimestamp"/>).</param>
    /// <param name="cancellationToken">The caller gave up; a queued job is then skipped.</param>
    public Task<InferenceResponse> RunAsync(HuVolume volume, bool allStages, bool gradCam, double readMs, long arrival, CancellationToken cancellationToken)
    {
        var job = new InferenceJob(volume, allStages, gradCam, readMs, arrival, Stopwatch.GetTimestamp(), cancellationToken);
        if (!_jobs.Writer.TryWrite(job)) job.Completion.TrySetException(new InvalidOperationException("The service is stopping."));
        return job.Completion.Task;
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, _options.Concurrency).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None));
        return Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _jobs.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var batch = await TakeBatchAsync(stoppingToken).ConfigureAwait(false);
                if (batch.Count == 0) continue;
                Interlocked.Add(ref _running, batch.Count);
                try
                {
                    RunBatch(batch);
                }
                finally
                {
                    Interlocked.Add(ref _running, -batch.Count);
                    Interlocked.Add(ref _completed, batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: jobs still queued fail below rather than hang their requests.
        }

        while (_jobs.Reader.TryRead(out var left)) left.Completion.TrySetException(new InvalidOperationException("The service is stopping."));
    }

    // The next job and, when the model fuses series, the ones waiting behind it (within the batch limits).
    private async Task<List<InferenceJob>> TakeBatchAsync(CancellationToken stoppingToken)
    {
        var batch = new List<InferenceJob>();
        var slabs = 0;
        var fuse = _models.Model is { CanFuseSeries: true } model
            ? _options.MaxBatchSeries > 0 ? _options.MaxBatchSeries : model.Device == ExecutionDevice.Cuda ? InferenceServiceOptions.DefaultGpuBatchSeries : 1
            : 1;
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.BatchWindowMs * Stopwatch.Frequency / 1000);
        while (batch.Count < fuse)
        {
            if (!_jobs.Reader.TryPeek(out var next))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (batch.Count == 0 || wait <= TimeSpan.Zero) break;
                using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                window.CancelAfter(wait);
                try
                {
                    if (!await _jobs.Reader.WaitToReadAsync(window.Token).ConfigureAwait(false)) break;
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                continue;
            }

            var size = EstimatedSlabs(next.Volume);
            if (batch.Count > 0 && slabs + size > _options.MaxBatchSlabs) break;
            if (!_jobs.Reader.TryRead(out var job)) continue; // another worker took it
            if (job.Cancellation.IsCancellationRequested)
            {
                job.Completion.TrySetCanceled(job.Cancellation);
                continue;
            }

            batch.Add(job);
            slabs += size;
        }

        return batch;
    }

    // Slabs a series makes under the model's contract, for the batch's slab limit (an upper bound: thin slices combine).
    private int EstimatedSlabs(HuVolume volume)
    {
        var thickness = _models.Model?.Card.Input.SlabThicknessMm ?? 0;
        if (thickness <= 0 || volume.Depth < 2) return volume.Depth;
        var extent = Math.Abs(volume.SlicePositionsMm[^1] - volume.SlicePositionsMm[0]);
        return Math.Min(volume.Depth, (int)Math.Ceiling(extent / thickness) + 1);
    }

    private void RunBatch(IReadOnlyList<InferenceJob> batch)
    {
        try
        {
            var responses = Run(batch);
            for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(responses[i]);
        }
        catch (Exception fused) when (batch.Count > 1)
        {
            _log.LogWarning("A fused run of {Count} series failed ({Message}); running them one by one", batch.Count, fused.Message);
            foreach (var job in batch) RunBatch([job]);
        }
        catch (Exception e)
        {
            batch[0].Completion.TrySetException(e);
        }
    }

    private IReadOnlyList<InferenceResponse> Run(IReadOnlyList<InferenceJob> batch)
    {
        var model = _models.Model ?? throw new InvalidOperationException("The model is not loaded.");
        var started = Stopwatch.GetTimestamp();
        // Preprocessing splits slabs over the cores a single worker would otherwise leave idle.
        var parallelism = Math.Max(1, Environment.ProcessorCount / _options.Concurrency);
        var inputs = batch.Select(job => SeriesPreprocessor.Preprocess(job.Volume, model.Card.Input, maxDegreeOfParallelism: parallelism)).ToArray();
        var preprocessed = Stopwatch.GetTimestamp();
        var gradCam = batch.Select(j => j.GradCam && model.HasGradCam).ToArray();
        // Grad-CAM is fetched for the whole run when any request asks; the others simply do not receive it.
        var predictions = model.PredictBatch(inputs, includeGradCam: gradCam.Any(g => g));
        var done = Stopwatch.GetTimestamp();
        var responses = new InferenceResponse[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var job = batch[i];
            var timings = new InferenceTimings(
                Math.Round(job.ReadMs, 2),
                Math.Round(Stopwatch.GetElapsedTime(job.Queued, started).TotalMilliseconds, 2),
                Math.Round(Stopwatch.GetElapsedTime(started, preprocessed).TotalMilliseconds, 2),
                Math.Round(Stopwatch.GetElapsedTime(preprocessed, done).TotalMilliseconds, 2),
                Math.Round(Stopwatch.GetElapsedTime(job.Arrival, done).TotalMilliseconds, 2))
            {
                BatchSeries = batch.Count,
            };
            _log.LogDebug("inferred {Slices} slices in {Ms} ms after {QueueMs} ms queued, {Series} series in the run", job.Volume.Depth, timings.TotalMs, timings.QueueMs, batch.Count);
            var prediction = gradCam[i] ? predictions[i] : predictions[i] with { GradCam = null, GradCamShape = null };
            responses[i] = TwoStageReport.Build(model, inputs[i], prediction, job.AllStages, job.GradCam, timings);
        }

        return responses;
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _jobs.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private sealed record InferenceJob(HuVolume Volume, bool AllStages, bool GradCam, double ReadMs, long Arrival, long Queued, CancellationToken Cancellation)
    {
        public TaskCompletionSource<InferenceResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Admission(InferenceQueue queue) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref queue._admitted);
        }
    }
}
