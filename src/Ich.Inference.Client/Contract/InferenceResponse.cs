using System.Text.Json.Serialization;

namespace Ich.Inference.Client.Contract;

/// <summary>The answer to <c>POST /v1/infer</c>. Probabilities of a stage that did not run are null, never 0.</summary>
/// <param name="Model">Which model answered, and where it ran.</param>
/// <param name="Notice">The model card's notice: decision support, not a diagnosis.</param>
/// <param name="Threshold">p(any) at or above which the five-type stage runs and a label counts as positive.</param>
/// <param name="Stages">Which stages were reported.</param>
/// <param name="Subject">Subject probability per label (null where the stage did not run or the model was not trained on the label).</param>
/// <param name="Slices">Per source slice (index in the request's order): its slab and probabilities per label.</param>
/// <param name="Timings">Where the time went.</param>
/// <param name="GradCam">Grad-CAM maps of the positive slabs, only when asked for (<c>gradcam=true</c>); absent otherwise.</param>
public sealed record InferenceResponse(
    ModelIdentity Model,
    string Notice,
    double Threshold,
    StagesRun Stages,
    IReadOnlyDictionary<string, double?> Subject,
    IReadOnlyList<SliceProbabilities> Slices,
    InferenceTimings Timings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GradCamMaps? GradCam = null);

/// <summary>A served model's identity.</summary>
/// <param name="Name">Card name.</param>
/// <param name="Version">Card version.</param>
/// <param name="Sha256">SHA-256 of the ONNX file.</param>
/// <param name="Device">Execution device, lower case (<c>cpu</c> or <c>cuda</c>).</param>
public sealed record ModelIdentity(string Name, string Version, string Sha256, string Device);

/// <summary>The paper's two stages: two-type always, five-type when p(any) ≥ threshold or when all stages were asked for.</summary>
/// <param name="TwoType">Always true.</param>
/// <param name="FiveType">Whether subtype probabilities are reported.</param>
public sealed record StagesRun(bool TwoType, bool FiveType);

/// <summary>One source slice's outputs.</summary>
/// <param name="Index">Slice index in the request (0 = first slice of the body).</param>
/// <param name="Slab">The model slab holding the slice; its outputs are the slab's.</param>
/// <param name="Probabilities">Per label; null where the stage did not run.</param>
public sealed record SliceProbabilities(int Index, int Slab, IReadOnlyDictionary<string, double?> Probabilities);

/// <summary>Milliseconds spent per step of one request.</summary>
/// <param name="ReadMs">Reading and checking the body.</param>
/// <param name="QueueMs">Waiting for a worker.</param>
/// <param name="PreprocessMs">Preprocessing by the card's contract.</param>
/// <param name="InferenceMs">The ONNX Runtime run.</param>
/// <param name="TotalMs">From the request's arrival to the response.</param>
public sealed record InferenceTimings(double ReadMs, double QueueMs, double PreprocessMs, double InferenceMs, double TotalMs)
{
    /// <summary>Series in the ONNX Runtime run that answered this request: more than 1 when concurrent requests were fused into one batch.</summary>
    public int BatchSeries { get; init; } = 1;
}

/// <summary>The JSON body of every refusal.</summary>
/// <param name="Error">The reason.</param>
/// <param name="Status">The HTTP status, repeated for logs that keep only bodies.</param>
public sealed record ErrorBody(string Error, int Status);
