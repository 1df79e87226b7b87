using Ich.Inference.Engine;
using Ich.Phantoms;
using Ich.Preprocessing;
using Ich.Testing;

namespace Ich.Inference.Client.Tests;

/// <summary>
/// The real service on loopback serving the shipped model (models/ich-sli-lab), the client pointed at it, and the
/// same model loaded in process with the same threads, to compare against.
/// </summary>
public sealed class ShippedService : IAsyncLifetime
{
    private InferenceService.Tests.RunningService? _service;

    /// <summary>The shipped default model's folder.</summary>
    public static string ModelFolder => RepositoryPaths.Combine("models", "ich-sli-lab");

    public InferenceServiceClient Client { get; private set; } = null!;

    public HttpClient Http => _service!.Client;

    public OnnxIchModel Model { get; private set; } = null!;

    /// <summary>A 5 mm phantom with a bleed that the shipped model finds (subject p(any) ≈ 1; 15 of 27 slabs positive, four subtypes).</summary>
    public static HuVolume Bleed() =>
        new PhantomGenerator(17, new PhantomOptions { Matrix = 256, SliceThicknessMm = 5, Hemorrhage = true }).Generate(1).ToHuVolume();

    /// <summary>A 5 mm phantom without a bleed.</summary>
    public static HuVolume Normal() =>
        new PhantomGenerator(17, new PhantomOptions { Matrix = 128, SliceThicknessMm = 5, Hemorrhage = false }).Generate(1).ToHuVolume();

    public async Task InitializeAsync()
    {
        _service = await InferenceService.Tests.RunningService.StartAsync($"ModelFolder={ModelFolder}", "PreferGpu=false", "IntraOpThreads=2");
        await _service.WaitUntilReadyAsync();
        Client = new InferenceServiceClient(_service.Client);
        Model = OnnxIchModel.Load(ModelFolder, new EngineOptions { PreferGpu = false, IntraOpThreads = 2 });
    }

    public async Task DisposeAsync()
    {
        Model?.Dispose();
        if (_service is not null) await _service.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ShippedServiceCollection : ICollectionFixture<ShippedService>
{
    public const string Name = "shipped service";
}
