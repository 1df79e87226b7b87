using Ich.Inference.Engine;
using Ich.InferenceService.Hosting;
using Microsoft.Extensions.Options;

namespace Ich.InferenceService.Models;

/// <summary>
/// Loads and warms the served model in the background when the host starts, so <c>/healthz</c> answers at once and
/// <c>/readyz</c> turns ready only once a request would not pay for loading. A model that fails to load stays failed,
/// with its reason, and every inference request gets 503.
/// </summary>
public sealed class ModelHost : IHostedService, IDisposable
{
    private readonly InferenceServiceOptions _options;
    private readonly string _folder;
    private readonly ILogger<ModelHost> _log;
    private Task? _loading;
    private volatile OnnxIchModel? _model;
    private volatile string? _failure;

    /// <summary>Creates the host for the configured model folder.</summary>
    public ModelHost(IOptions<InferenceServiceOptions> options, IHostEnvironment environment, ILogger<ModelHost> log)
    {
        _options = options.Value;
        _folder = _options.ResolveModelFolder(environment.ContentRootPath);
        _log = log;
    }

    /// <summary>The loaded, warmed model; null until ready.</summary>
    public OnnxIchModel? Model => _model;

    /// <summary>Why the model could not be loaded; null while loading or when loaded.</summary>
    public string? Failure => _failure;

    /// <summary>The absolute model folder.</summary>
    public string Folder => _folder;

    /// <summary>Completes once loading has succeeded or failed.</summary>
    public Task Loading => _loading ?? Task.CompletedTask;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loading = Task.Run(Load, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Load()
    {
        try
        {
            var engine = new EngineOptions
            {
                PreferGpu = _options.PreferGpu,
                IntraOpThreads = _options.IntraOpThreads > 0 ? _options.IntraOpThreads : Math.Max(1, Environment.ProcessorCount),
                WarmUp = true,
            };
            var model = OnnxIchModel.Load(_folder, engine, line => _log.LogInformation("{Line}", line));
            _log.LogInformation("model {Name} {Version} ready on {Device} from {Folder}", model.Card.Name, model.Card.Version, model.Device, _folder);
            _model = model;
        }
        catch (Exception e)
        {
            // Any failure (bad card, missing file, a native library that will not load) must show in /readyz, not
            // leave the service "loading" forever.
            _failure = $"the model in '{_folder}' could not be loaded: {e.Message}";
            _log.LogError("{Failure}", _failure);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _model?.Dispose();
}
