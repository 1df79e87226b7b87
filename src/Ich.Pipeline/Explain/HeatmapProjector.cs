using Ich.Preprocessing;

namespace Ich.Pipeline.Explain;

/// <summary>Brings a model-resolution Grad-CAM map back onto the original slice's pixel grid.</summary>
public static class HeatmapProjector
{
    /// <summary>
    /// Samples <paramref name="cam"/> (<paramref name="camHeight"/> × <paramref name="camWidth"/>, covering the model
    /// input) at every source pixel of a <paramref name="width"/> × <paramref name="height"/> slice through
    /// <see cref="ModelFrame.ToModel"/>, bilinearly; 0 outside the model's field. Scaled so the maximum is 1 (all 0
    /// when the map has no positive value).
    /// </summary>
    public static float[] ToSource(ReadOnlySpan<float> cam, int camWidth, int camHeight, ModelFrame frame, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (cam.Length != camWidth * camHeight) throw new ArgumentException($"{cam.Length} values are not {camWidth}×{camHeight}.", nameof(cam));
        var result = new float[width * height];
        var scaleX = (double)camWidth / frame.Size;
        var scaleY = (double)camHeight / frame.Size;
        var max = 0f;
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var (mc, mr) = frame.ToModel(column, row);
                if (mc < -0.5 || mr < -0.5 || mc > frame.Size - 0.5 || mr > frame.Size - 0.5) continue;
                var x = Math.Clamp((mc + 0.5) * scaleX - 0.5, 0, camWidth - 1);
                var y = Math.Clamp((mr + 0.5) * scaleY - 0.5, 0, camHeight - 1);
                int x0 = (int)x, y0 = (int)y;
                int x1 = Math.Min(x0 + 1, camWidth - 1), y1 = Math.Min(y0 + 1, camHeight - 1);
                float fx = (float)(x - x0), fy = (float)(y - y0);
                var top = cam[y0 * camWidth + x0] * (1 - fx) + cam[y0 * camWidth + x1] * fx;
                var bottom = cam[y1 * camWidth + x0] * (1 - fx) + cam[y1 * camWidth + x1] * fx;
                var value = Math.Max(0f, top * (1 - fy) + bottom * fy);
                result[row * width + column] = value;
                if (value > max) max = value;
            }
        }

        if (max > 0)
        {
            var inverse = 1f / max;
            for (var i = 0; i < result.Length; i++) result[i] *= inverse;
        }

        return result;
    }
}
