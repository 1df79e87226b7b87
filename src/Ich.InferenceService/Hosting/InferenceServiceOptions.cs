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
        if (MaxSlices < 1) throw new ArgumentOutOfRangeException(nameof(MaxSlices), MaxSlices, "The slice limit must be positive.");
    }

    /// <summary>The model folder as an absolute path.</summary>
    /// <param name="contentRoot">The host's content root.</param>
    public string ResolveModelFolder(string contentRoot) => Path.GetFullPath(Path.IsPathRooted(ModelFolder) ? ModelFolder : Path.Combine(contentRoot, ModelFolder));
}
