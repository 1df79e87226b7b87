using System.Text.Json;

namespace Ich.Training.Host.Training;

/// <summary>What a run was asked to do, saved beside its checkpoints so a run can be resumed or published later.</summary>
/// <param name="Labels">slice or subject.</param>
/// <param name="Task">two-type or five-type.</param>
/// <param name="Seed">Seed.</param>
/// <param name="InputSize">Model input size.</param>
/// <param name="Steps">Planned steps.</param>
/// <param name="Command">The command line.</param>
/// <param name="Data">Training data sources.</param>
public sealed record RunRecord(string Labels, string Task, long Seed, int InputSize, int Steps, string Command, IReadOnlyList<string> Data)
{
    /// <summary>The labelled DICOM data trained on (<c>--data</c>), or null for phantoms; publish measures its held-out part.</summary>
    public string? DataPath { get; init; }

    /// <summary>The data's RSNA-format label file (<c>--labels-csv</c>).</summary>
    public string? LabelsCsv { get; init; }

    /// <summary>File name inside the checkpoint folder.</summary>
    public const string FileName = "run.json";

    /// <summary>Reads the record of a checkpoint folder.</summary>
    public static RunRecord Read(string checkpointFolder) =>
        JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(Path.Combine(checkpointFolder, FileName)))
        ?? throw new InvalidDataException($"{checkpointFolder}/{FileName} is empty.");

    /// <summary>Writes it.</summary>
    public void Write(string checkpointFolder)
    {
        Directory.CreateDirectory(checkpointFolder);
        File.WriteAllText(Path.Combine(checkpointFolder, FileName), JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The paper's name of the label mode.</summary>
    public string LabelModeName => Labels == "subject" ? "Sub-Lab" : "Sli-Lab";

    /// <summary>The training options this record stands for (defaults elsewhere).</summary>
    public TrainingOptions ToOptions() => new()
    {
        Labels = Labels == "subject" ? LabelMode.Subject : LabelMode.Slice,
        Task = Task == "two-type" ? TrainingTask.TwoType : TrainingTask.FiveType,
        Seed = Seed,
        Steps = Steps,
        Input = Ich.Preprocessing.InputContract.Default with { InputSize = InputSize },
    };
}
