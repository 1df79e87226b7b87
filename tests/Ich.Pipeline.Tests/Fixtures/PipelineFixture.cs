using Ich.Inference.Engine;
using Ich.Inference.Models;
using Ich.Phantoms;
using Ich.Phantoms.Output;
using Ich.Pipeline.Ingest;
using Ich.Pipeline.Normalize;
using Ich.Pipeline.SelectSeries;
using Ich.Preprocessing;
using Ich.Training.Export;
using Ich.Training.Network;

namespace Ich.Pipeline.Tests.Fixtures;

/// <summary>
/// What the pipeline tests share: a small untrained model exported by the project's own exporter with its card (the
/// tests own their model), and one phantom study (brain series plus a localizer and a bone-kernel distractor).
/// </summary>
public sealed class PipelineFixture : IDisposable
{
    private static readonly IchNetConfig Small = new() { StemChannels = 8, StageChannels = [8, 16], BlocksPerStage = [1, 1], GruHidden = 8 };

    /// <summary>Creates the model and the study.</summary>
    public PipelineFixture()
    {
        Folder = Directory.CreateTempSubdirectory("ich-pipeline-").FullName;
        ModelFolder = Path.Combine(Folder, "model");
        Directory.CreateDirectory(ModelFolder);
        TorchSharp.torch.manual_seed(11);
        using (var net = new IchNet(Small))
        {
            OnnxExporter.Export(net, 32, Path.Combine(ModelFolder, "model.onnx"));
        }

        new ModelCard
        {
            Name = "pipeline-test",
            Version = "test-1",
            Sha256 = ModelCard.HashFile(Path.Combine(ModelFolder, "model.onnx")),
            Tensors = new ModelTensors { SeriesLengths = OnnxExporter.SeriesLengthsInput },
            Labels = ModelLabels.All,
            Input = new InputContract { InputSize = 32 },
        }.Write(Path.Combine(ModelFolder, ModelCard.FileName));
        Model = OnnxIchModel.Load(ModelFolder, new EngineOptions { PreferGpu = false, IntraOpThreads = 2 });

        Uploads = Path.Combine(Folder, "uploads");
        CohortWriter.Write(new CohortRequest { OutputFolder = Uploads, Studies = 1, Seed = 5, Distractors = true, Options = new PhantomOptions { Matrix = 256 } });
        StudyFolder = Path.Combine(Uploads, CohortWriter.FolderName(0));
    }

    /// <summary>Temporary root.</summary>
    public string Folder { get; }

    /// <summary>The test model's folder.</summary>
    public string ModelFolder { get; }

    /// <summary>The test model.</summary>
    public OnnxIchModel Model { get; }

    /// <summary>The cohort folder (with labels.csv and studies.csv).</summary>
    public string Uploads { get; }

    /// <summary>The one study's folder.</summary>
    public string StudyFolder { get; }

    /// <summary>Ingest and selection of the study.</summary>
    public SeriesSelection Select() => SelectSeriesOperator.Run(IngestOperator.Run(new IngestRequest([StudyFolder]))).Single();

    /// <summary>The study normalized.</summary>
    public NormalizedSeries Normalize() => NormalizeOperator.Run(Select());

    /// <summary>A new empty folder under the fixture's root.</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Combine(Folder, Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <inheritdoc/>
    public void Dispose()
    {
        Model.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Shares one <see cref="PipelineFixture"/> across the test classes.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "pipeline";
}
