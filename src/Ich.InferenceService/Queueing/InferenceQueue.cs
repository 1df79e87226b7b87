using System.Diagnostics;
using System.Threading.Channels;
using Ich.Inference.Client.Contract;
using Ich.InferenceService.Hosting;
using Ich.InferenceService.Models;
using Ich.InferenceService.Responses;
using Ich.Preprocessing;
using Microsoft.Extensions.Options;

namespace Ich.InferenceService.Queueing;

/// <summary>
/// Bounded request queueing in front of the one ONNX Runtime session. Requests are admitted before their body is read
/// (at most <see cref="InferenceServiceOptions.Concurrency"/> running plus <see cref="InferenceServiceOptions.QueueCapacity"/>
/// waiting, so memory stays bounded); more are refused at once with 429 and Retry-After. Workers run the queued
/// requests back-to-back. Requests are not fused into one ONNX run: the exported graph feeds its slabs to the
/// bidirectional GRU as one sequence with batch 1, so slabs of two series concatenated along T would be read as one
/// head (see README: "Why no fused batches").
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
            await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
            {
                if (job.Cancellation.IsCancellationRequested)
                {
                    job.Completion.TrySetCanceled(job.Cancellation);
                    continue;
                }

                Interlocked.Increment(ref _running);
                try
                {
                    job.Completion.TrySetResult(Run(job));
                }
                catch (Exception e)
                {
                    job.Completion.TrySetException(e);
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                    Interlocked.Increment(ref _completed);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: jobs still queued fail below rather than hang their requests.
        }

        while (_jobs.Reader.TryRead(out var left)) left.Completion.TrySetException(new InvalidOperationException("The service is stopping."));
    }

    private InferenceResponse Run(InferenceJob job)
    {
        var model = _models.Model ?? throw new InvalidOperationException("The model is not loaded.");
        var started = Stopwatch.GetTimestamp();
        var queueMs = Stopwatch.GetElapsedTime(job.Queued, started).TotalMilliseconds;
        // Preprocessing splits slabs over the cores a single worker would otherwise leave idle.
        var parallelism = Math.Max(1, Environment.ProcessorCount / _options.Concurrency);
        var input = SeriesPreprocessor.Preprocess(job.Volume, model.Card.Input, maxDegreeOfParallelism: parallelism);
        var preprocessed = Stopwatch.GetTimestamp();
        var prediction = model.Predict(input, includeGradCam: job.GradCam && model.HasGradCam);
        var done = Stopwatch.GetTimestamp();
        var timings = new InferenceTimings(
            Math.Round(job.ReadMs, 2),
            Math.Round(queueMs, 2),
            Math.Round(Stopwatch.GetElapsedTime(started, preprocessed).TotalMilliseconds, 2),
            Math.Round(Stopwatch.GetElapsedTime(preprocessed, done).TotalMilliseconds, 2),
            Math.Round(Stopwatch.GetElapsedTime(job.Arrival, done).TotalMilliseconds, 2));
        _log.LogDebug("inferred {Slices} slices in {Ms} ms after {QueueMs} ms queued", job.Volume.Depth, timings.TotalMs, timings.QueueMs);
        return TwoStageReport.Build(model, input, prediction, job.AllStages, job.GradCam, timings);
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
