using Ich.Inference.Client.Contract;
using Ich.Inference.Engine;
using Ich.Preprocessing;

namespace Ich.Pipeline.Explain;

/// <summary>
/// One series' Grad-CAM maps at model resolution, wherever the model ran (in process or in the inference service),
/// with the frame that brings them onto the source slices. Explain reads maps only through here, so both hosts
/// share one rendering path.
/// </summary>
public sealed class GradCamSet
{
    private readonly Func<int, string, ReadOnlyMemory<float>?> _slabMap;

    private GradCamSet(int width, int height, ModelFrame frame, IReadOnlyList<int> slabOfSlice, Func<int, string, ReadOnlyMemory<float>?> slabMap)
    {
        Width = width;
        Height = height;
        Frame = frame;
        SlabOfSlice = slabOfSlice;
        _slabMap = slabMap;
    }

    /// <summary>Columns of every map.</summary>
    public int Width { get; }

    /// <summary>Rows of every map.</summary>
    public int Height { get; }

    /// <summary>Model-to-source pixel mapping.</summary>
    public ModelFrame Frame { get; }

    /// <summary>For every source slice, the slab whose map covers it.</summary>
    public IReadOnlyList<int> SlabOfSlice { get; }

    /// <summary>The map of <paramref name="label"/> over source slice <paramref name="slice"/>, or null when there is none.</summary>
    public ReadOnlyMemory<float>? Map(int slice, string label) => _slabMap(SlabOfSlice[slice], label);

    /// <summary>The maps of an in-process prediction; null when the model gave none.</summary>
    /// <param name="input">The model input (frame, slab of every slice).</param>
    /// <param name="prediction">The model output.</param>
    public static GradCamSet? FromPrediction(ModelInput input, SeriesPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.GradCam is not { } cam || prediction.GradCamShape is not [_, var labelCount, var height, var width]) return null;
        return new GradCamSet(width, height, input.Frame, input.SlabOfSlice, (slab, label) =>
            cam.AsMemory((slab * labelCount + prediction.IndexOf(label)) * height * width, height * width));
    }

    /// <summary>The maps of an inference service response; null when it carries none (not asked for, or the model has no Grad-CAM).</summary>
    /// <param name="response">Asked for with <c>gradcam=true</c>.</param>
    /// <exception cref="FormatException">A map is not base64 of width × height float32 values.</exception>
    public static GradCamSet? FromResponse(InferenceResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.GradCam is not { Available: true } maps) return null;
        var decoded = new Dictionary<(int Slab, string Label), float[]>();
        foreach (var slab in maps.Slabs)
        {
            foreach (var (label, text) in slab.Maps) decoded[(slab.Slab, label)] = CamEncoding.Decode(text, maps.Width * maps.Height);
        }

        var slabOfSlice = response.Slices.Select(s => s.Slab).ToArray();
        return new GradCamSet(maps.Width, maps.Height, maps.Frame, slabOfSlice, (slab, label) =>
            decoded.TryGetValue((slab, label), out var map) ? map : null);
    }
}
