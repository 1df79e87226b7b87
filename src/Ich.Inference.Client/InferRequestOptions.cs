namespace Ich.Inference.Client;

/// <summary>What to ask of one <c>POST /v1/infer</c>.</summary>
public sealed record InferRequestOptions
{
    /// <summary>The defaults: two-stage workflow, no Grad-CAM.</summary>
    public static InferRequestOptions Default { get; } = new();

    /// <summary>Report the five-type stage even when p(any) is below the threshold (<c>allStages=true</c>).</summary>
    public bool AllStages { get; init; }

    /// <summary>Also return the Grad-CAM maps of the positive slabs and the model frame (<c>gradcam=true</c>).</summary>
    public bool GradCam { get; init; }

    /// <summary>The slice spacing header for a one-slice volume, which has no spacing of its own, mm.</summary>
    public double SingleSliceSpacingMm { get; init; } = 5;
}
