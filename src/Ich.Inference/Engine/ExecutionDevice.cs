namespace Ich.Inference.Engine;

/// <summary>Where inference runs.</summary>
public enum ExecutionDevice
{
    /// <summary>ONNX Runtime's CPU execution provider.</summary>
    Cpu,

    /// <summary>ONNX Runtime's CUDA execution provider (CUDA 13, cuDNN 9).</summary>
    Cuda,
}

/// <summary>How to run a model.</summary>
public sealed record EngineOptions
{
    /// <summary>Try the CUDA provider first (falls back to CPU with one log line when no GPU is usable).</summary>
    public bool PreferGpu { get; init; } = true;

    /// <summary>CUDA device id.</summary>
    public int GpuDevice { get; init; }

    /// <summary>Threads inside one operator (CPU).</summary>
    public int IntraOpThreads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Run one warm-up inference when the model loads (the first run pays for memory planning).</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>
    /// Serve the network's own probabilities, ignoring the card's operating points: only for choosing them
    /// (<c>ich train operating-points</c>), never for reporting.
    /// </summary>
    public bool IgnoreOperatingPoints { get; init; }
}
