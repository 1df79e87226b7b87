namespace Ich.Preprocessing;

/// <summary>
/// Resamples one HU plane into the model frame. Hand-written on purpose: it is a few dozen lines, and serving and
/// training must share it bit for bit without an imaging package (serving carries no libtorch or OpenCV). When the
/// model pixel spans several source pixels, the plane is first box-averaged by that whole factor (so a 0.4 mm
/// 512² slice is not aliased onto 1.8 mm model pixels), then sampled bilinearly.
/// </summary>
internal static class PlaneResampler
{
    public static void Resample(ReadOnlySpan<float> plane, int width, int height, ModelFrame frame, float outsideHu, Span<float> destination)
    {
        var size = frame.Size;
        var sourcePerModel = frame.PixelSpacingMm / frame.Transform.Scale / Math.Min(frame.ColumnSpacingMm, frame.RowSpacingMm);
        var factor = Math.Max(1, (int)Math.Floor(sourcePerModel));
        float[]? reduced = null;
        var rw = width;
        var rh = height;
        if (factor > 1)
        {
            rw = (width + factor - 1) / factor;
            rh = (height + factor - 1) / factor;
            reduced = new float[rw * rh];
            BoxReduce(plane, width, height, factor, reduced, rw, rh);
        }

        ReadOnlySpan<float> source = reduced is null ? plane : reduced;
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++)
            {
                var (sc, sr) = frame.ToSource(c, r);
                // Pixel centres of the reduced plane: block b covers source pixels b·k … b·k + k − 1.
                var x = (sc + 0.5) / factor - 0.5;
                var y = (sr + 0.5) / factor - 0.5;
                destination[r * size + c] = Bilinear(source, rw, rh, x, y, outsideHu);
            }
        }
    }

    private static float Bilinear(ReadOnlySpan<float> source, int width, int height, double x, double y, float outside)
    {
        if (x < -0.5 || y < -0.5 || x > width - 0.5 || y > height - 0.5) return outside;
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        var fx = (float)(x - x0);
        var fy = (float)(y - y0);
        var x1 = Math.Min(x0 + 1, width - 1);
        var y1 = Math.Min(y0 + 1, height - 1);
        x0 = Math.Max(x0, 0);
        y0 = Math.Max(y0, 0);
        var top = source[y0 * width + x0] * (1 - fx) + source[y0 * width + x1] * fx;
        var bottom = source[y1 * width + x0] * (1 - fx) + source[y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static void BoxReduce(ReadOnlySpan<float> plane, int width, int height, int factor, float[] reduced, int rw, int rh)
    {
        for (var by = 0; by < rh; by++)
        {
            var y0 = by * factor;
            var y1 = Math.Min(y0 + factor, height);
            for (var bx = 0; bx < rw; bx++)
            {
                var x0 = bx * factor;
                var x1 = Math.Min(x0 + factor, width);
                var sum = 0f;
                for (var y = y0; y < y1; y++)
                {
                    var row = plane.Slice(y * width + x0, x1 - x0);
                    foreach (var v in row) sum += v;
                }

                reduced[by * rw + bx] = sum / ((y1 - y0) * (x1 - x0));
            }
        }
    }
}
