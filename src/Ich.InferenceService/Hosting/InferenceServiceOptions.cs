namespace Ich.InferenceService.Hosting;

/// <summary>The service's settings, bound from the <c>Ich</c> configuration section (e.g. <c>Ich__ModelFolder</c> in the environment).</summary>
public sealed class InferenceServiceOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Ich";

    /// <summary>The model folder (a <c>model-card.json</c> and its ONNX file); relative paths are resolved against the content root.</summary>
    public string ModelFolder { get; set; } = "models/ich-sli-lab";

    /// <summary>Try the CUDA execution provider first; the CPU provider is used, with one log line, when no GPU is usable.</summary>
    public bool PreferGpu { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads per session run; 0 means one per processor.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Requests run at once on the one session (workers draining the queue).</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>Requests admitted beyond <see cref="Concurrency"/> that wait for a worker; more are refused with 429 and Retry-After.</summary>
    public int QueueCapacity { get; set; } = 16;

    /// <summary>
    /// Most series fused into one ONNX Runtime run (dynamic micro-batching), when the model takes several per run; a
    /// worker fuses the requests already waiting when it becomes free. 0 (the default) chooses by device: 8 on CUDA,
    /// 1 (no fusing) on the CPU, where a fused run was measured slower per series than single runs
    /// (<c>./build.sh bench inference-service</c>); 1 turns fusing off everywhere.
    /// </summary>
    public int MaxBatchSeries { get; set; }

    /// <summary>Fused series per run on CUDA when <see cref="MaxBatchSeries"/> is 0.</summary>
    public const int DefaultGpuBatchSeries = 8;

    /// <summary>Most slabs in one fused run (bounds its memory); a series alone may exceed it.</summary>
    public int MaxBatchSlabs { get; set; } = 512;

    /// <summary>
    /// How long a free worker waits for more requests to fuse with the first, ms. 0 (the default) fuses only what is
    /// already queued, adding no latency; on a GPU a few ms can buy fuller batches.
    /// </summary>
    public double BatchWindowMs { get; set; }

    /// <summary>Largest accepted request body, bytes (default 512 MiB); larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most slices accepted in one series; more get 413.</summary>
    public int MaxSlices { get; set; } = 2000;

    /// <summary>Throws when a value cannot be used.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelFolder)) throw new ArgumentOutOfRangeException(nameof(ModelFolder), ModelFolder, "A model folder is required.");
        if (IntraOpThreads < 0) throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "Threads must be 0 (one per processor) or more.");
        if (Concurrency < 1) throw new ArgumentOutOfRangeException(nameof(Concurrency), Concurrency, "At least one worker is needed.");
        if (QueueCapacity < 0) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "The queue capacity cannot be negative.");
        if (MaxBodyBytes < 1 || MaxBodyBytes > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), MaxBodyBytes, $"The body limit must be 1…{Array.MaxLength} bytes (one array holds the series).");
        if (MaxBatchSeries < 0) throw new ArgumentOutOfRangeException(nameof(MaxBatchSeries), MaxBatchSeries, "0 (by device) or a number of series.");
        if (MaxBatchSlabs < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatchSlabs), MaxBatchSlabs, "The batch slab limit must be positive.");
        if (BatchWindowMs is < 0 or > 1000) throw new ArgumentOutOfRangeException(nameof(BatchWindowMs), BatchWindowMs, "The batch window must be 0…1000 ms.");
        if (MaxSlices < 1) throw new ArgumentOutOfRangeException(nameof(MaxSlices), MaxSlices, "The slice limit must be positive.");
    }

    /// <summary>The model folder as an absolute path.</summary>
    /// <param name="contentRoot">The host's content root.</param>
    public string ResolveModelFolder(string contentRoot) => Path.GetFullPath(Path.IsPathRooted(ModelFolder) ? ModelFolder : Path.Combine(contentRoot, ModelFolder));
}
