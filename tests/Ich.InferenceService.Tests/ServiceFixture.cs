namespace Ich.InferenceService.Tests;

/// <summary>One running service on the tests' own model, shared by the classes of the "service" collection.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private TestModel? _model;
    private RunningService? _service;

    internal TestModel Model => _model!;

    internal RunningService Service => _service!;

    public HttpClient Client => Service.Client;

    public async Task InitializeAsync()
    {
        _model = TestModel.Create();
        // PreferGpu=true on a machine without a GPU: the CPU fallback is the path under test.
        _service = await RunningService.StartAsync($"ModelFolder={_model.Folder}", "PreferGpu=true", "IntraOpThreads=1", "Concurrency=1", "QueueCapacity=16");
        await _service.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        _model?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<ServiceFixture>
{
    public const string Name = "service";
}
