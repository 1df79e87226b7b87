using Ich.Inference.Client;
using Ich.Inference.Engine;
using Ich.Phantoms;
using Ich.Phantoms.Output;
using Ich.Pipeline.Ingest;
using Ich.Pipeline.Normalize;
using Ich.Pipeline.SelectSeries;
using Ich.Testing;

namespace Ich.Pipeline.Tests.Remote;

/// <summary>
/// The two ways a series reaches the shipped model (models/ich-sli-lab): loaded in process, and the inference
/// service on loopback through its client, both with two threads; and a phantom DICOM study with a bleed the model
/// finds (4 subtypes, 15 of 27 slices positive).
/// </summary>
public sealed class RemoteFixture : IAsyncLifetime
{
    private InferenceService.Tests.RunningService? _service;

    public string Folder { get; } = Directory.CreateTempSubdirectory("ich-pipeline-remote-").FullName;

    public OnnxIchModel Model { get; private set; } = null!;

    public InferenceServiceClient Client { get; private set; } = null!;

    public string StudyFolder => Path.Combine(Folder, "uploads", CohortWriter.FolderName(1));

    public NormalizedSeries Normalize() => NormalizeOperator.Run(SelectSeriesOperator.Run(IngestOperator.Run(new IngestRequest([StudyFolder]))).Single());

    public string NewFolder() => Directory.CreateDirectory(Path.Combine(Folder, Guid.NewGuid().ToString("N")[..8])).FullName;

    public async Task InitializeAsync()
    {
        var model = RepositoryPaths.Combine("models", "ich-sli-lab");
        CohortWriter.Write(new CohortRequest
        {
            OutputFolder = Path.Combine(Folder, "uploads"),
            Studies = 2,
            Seed = 17,
            // The scanner the shipped model was trained on (untilted, calibrated, standard kernel), so it finds this bleed.
            Options = new PhantomOptions
            {
                Matrix = 256, SliceThicknessMm = 5, Hemorrhage = true,
                GantryTiltDegrees = 0, CalibrationOffsetHu = 0, GreyWhiteContrast = 1, NoiseSdAt5MmHu = 4.5f, KernelSharpness = 1,
            },
            Parallelism = 2,
        });
        _service = await InferenceService.Tests.RunningService.StartAsync($"ModelFolder={model}", "PreferGpu=false", "IntraOpThreads=2");
        await _service.WaitUntilReadyAsync();
        Client = new InferenceServiceClient(_service.Client);
        Model = OnnxIchModel.Load(model, new EngineOptions { PreferGpu = false, IntraOpThreads = 2 });
    }

    public async Task DisposeAsync()
    {
        Model?.Dispose();
        if (_service is not null) await _service.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
