using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ich.Preprocessing;

namespace Ich.Inference.Models;

/// <summary>
/// What a served model is and expects, read from <c>model-card.json</c> next to its ONNX file. Serving takes the
/// input contract, labels and tensor names from here, never from constants in code, so a model trained elsewhere
/// (e.g. in PyTorch on other data) with a card stating its contract is served unchanged.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The card's file name inside a model folder.</summary>
    public const string FileName = "model-card.json";

    /// <summary>JSON settings of cards (camelCase, enums as strings, NaN allowed for undefined metrics).</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Model name, e.g. <c>ich-sli-lab</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Version of this model (changes whenever the weights do).</summary>
    public required string Version { get; init; }

    /// <summary>ONNX file name, relative to the card.</summary>
    public string File { get; init; } = "model.onnx";

    /// <summary>SHA-256 (hex) of the ONNX file.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Output labels in tensor order; <c>any</c> must be among them.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Labels the model was trained to predict (a two-type model trains only <c>any</c>); default: all.</summary>
    public IReadOnlyList<string>? TrainedLabels { get; init; }

    /// <summary>The preprocessing the model expects.</summary>
    public required InputContract Input { get; init; }

    /// <summary>Tensor names.</summary>
    public ModelTensors Tensors { get; init; } = new();

    /// <summary>
    /// Serve the mean of the probabilities for the series and for its left–right mirror (the columns reversed), for a
    /// model trained with left–right flips: hemorrhage has no side, so the two reads are equally valid and their mean
    /// is steadier. Feature maps and Grad-CAM come from the unmirrored read. Off unless the card says so.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AverageWithMirror { get; init; }

    /// <summary>
    /// Decision thresholds chosen on a validation cohort (<see cref="Models.OperatingPoints"/>): serving rescales the
    /// probabilities so that 0.5 falls on them. None unless the card says so: the network's outputs are served as they are.
    /// </summary>
    public OperatingPoints? OperatingPoints { get; init; }

    /// <summary>Training mode, e.g. <c>Sli-Lab</c> or <c>Sub-Lab</c>.</summary>
    public string? LabelMode { get; init; }

    /// <summary>How it was trained (command, seed, data, time).</summary>
    public TrainingRecord? Training { get; init; }

    /// <summary>Metrics measured on fixed cohorts (test cohort, shifted cohort, the CI regression cohort).</summary>
    public IReadOnlyList<CohortMetrics> Metrics { get; init; } = [];

    /// <summary>The notice every output carries.</summary>
    public string Notice { get; init; } = "Decision support, not a diagnosis. Trained on synthetic phantoms; not clinically validated.";

    /// <summary>The labels the model predicts (trained labels, or all).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> PredictedLabels => TrainedLabels ?? Labels;

    /// <summary>The predicted labels with <c>any</c> first, the order in which evaluation scores and fits them.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ScoredLabels => [ModelLabels.Any, .. PredictedLabels.Where(l => l != ModelLabels.Any)];

    /// <summary>Reads and checks a card.</summary>
    /// <exception cref="InvalidDataException">The card is missing fields or is inconsistent.</exception>
    public static ModelCard Read(string path)
    {
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelCard>(System.IO.File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid model card: {e.Message}", e);
        }

        if (card is null) throw new InvalidDataException($"{path} is empty.");
        card.Validate(path);
        return card;
    }

    /// <summary>Writes the card.</summary>
    public void Write(string path) => System.IO.File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Hex SHA-256 of a file.</summary>
    public static string HashFile(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private void Validate(string path)
    {
        if (Labels is null || Labels.Count == 0) throw new InvalidDataException($"{path}: 'labels' is empty.");
        if (!Labels.Contains(ModelLabels.Any)) throw new InvalidDataException($"{path}: the labels must include '{ModelLabels.Any}'.");
        if (Labels.Distinct().Count() != Labels.Count) throw new InvalidDataException($"{path}: a label is listed twice.");
        if (TrainedLabels is { } trained && trained.Any(l => !Labels.Contains(l))) throw new InvalidDataException($"{path}: 'trainedLabels' names a label not in 'labels'.");
        if (Input is null) throw new InvalidDataException($"{path}: 'input' is missing.");
        try
        {
            Input.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"{path}: the input contract is not usable: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(Sha256)) throw new InvalidDataException($"{path}: 'sha256' is missing.");
        OperatingPoints?.Validate(path, Labels);
    }
}

/// <summary>Names of the model's tensors.</summary>
public sealed record ModelTensors
{
    /// <summary>Input [T, C, H, W] float32: the slabs of one series, or of several one after another.</summary>
    public string Input { get; init; } = "slices";

    /// <summary>
    /// Input int64 [B], the number of slabs of each series in <see cref="Input"/>, when the model takes several series in
    /// one run (fused micro-batches; the subject output is then [B, L]). Null for a model that reads one series per run.
    /// </summary>
    public string? SeriesLengths { get; init; }

    /// <summary>Per-slab probabilities [T, L].</summary>
    public string SliceProbabilities { get; init; } = "slice_probabilities";

    /// <summary>Per-subject probabilities [L], or [B, L] with <see cref="SeriesLengths"/>.</summary>
    public string SubjectProbabilities { get; init; } = "subject_probabilities";

    /// <summary>Last convolutional stage [T, F, h, w] (for Grad-CAM), when the model has it.</summary>
    public string? FeatureMaps { get; init; } = "feature_maps";

    /// <summary>Grad-CAM maps [T, L, h, w] (ReLU'd, not normalised) of every slab's slice logit per label, when the model has them.</summary>
    public string? GradCam { get; init; } = "gradcam";
}

/// <summary>How a model was trained.</summary>
public sealed record TrainingRecord
{
    /// <summary>The command that trained it.</summary>
    public string? Command { get; init; }

    /// <summary>Seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Steps run.</summary>
    public int? Steps { get; init; }

    /// <summary>Training time, minutes.</summary>
    public double? Minutes { get; init; }

    /// <summary>Hardware.</summary>
    public string? Device { get; init; }

    /// <summary>Data the model saw (sources with counts).</summary>
    public IReadOnlyList<string> Data { get; init; } = [];

    /// <summary>Phantom generator version.</summary>
    public string? GeneratorVersion { get; init; }

    /// <summary>Network configuration (JSON of the training side's config).</summary>
    public string? Network { get; init; }

    /// <summary>Best validation step and score.</summary>
    public string? Validation { get; init; }
}

/// <summary>Metrics of a model on one named, reproducible cohort.</summary>
public sealed record CohortMetrics
{
    /// <summary>Name, e.g. <c>test</c>, <c>shifted</c>, <c>ci</c>.</summary>
    public required string Cohort { get; init; }

    /// <summary>How to regenerate it (generator, seed, options).</summary>
    public required string Description { get; init; }

    /// <summary>Number of studies.</summary>
    public required int Studies { get; init; }

    /// <summary>Subject-level metrics per label (two-stage workflow applied to subtypes).</summary>
    public required IReadOnlyDictionary<string, LabelFigures> Subject { get; init; }

    /// <summary>Slice-level metrics per label.</summary>
    public required IReadOnlyDictionary<string, LabelFigures> Slice { get; init; }
}

/// <summary>The paper's figures for one label at threshold 0.5.</summary>
public sealed record LabelFigures(double Auc, double Sensitivity, double Specificity, double Accuracy, double F1, long NPos, long NNeg);
