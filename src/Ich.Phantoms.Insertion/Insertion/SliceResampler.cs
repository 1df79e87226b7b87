namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>One thin background plane, by slice index.</summary>
internal delegate ReadOnlySpan<T> PlaneSource<T>(int slice);

/// <summary>
/// One re-acquisition's resampling: a thick slice is the mean of <c>factor</c> thin ones from the slab offset (partial
/// volume at the new thickness), then rotated and shifted in-plane (bilinear). The taps and weights are the same for every
/// slice of a study, so they are worked out once. Not thread-safe (one per study).
/// </summary>
internal sealed class SliceResampler
{
    private readonly int _width, _factor, _offset;
    private readonly int[] _tap; // top-left tap of each output pixel; −1 outside the background's field of view
    private readonly float[] _fx, _fy;
    private readonly float[] _thick;
    private short[]? _values;

    public SliceResampler(int width, int height, int factor, int offset, int sliceCount, float pixelMm, float rotationDegrees,
        float shiftXmm, float shiftYmm)
    {
        (_width, _factor, _offset, SliceCount) = (width, factor, offset, sliceCount);
        int w = width, h = height, plane = w * h;
        _tap = new int[plane];
        _fx = new float[plane];
        _fy = new float[plane];
        _thick = new float[plane];
        var (sin, cos) = MathF.SinCos(rotationDegrees * MathF.PI / 180f);
        float cx = (w - 1) / 2f, cy = (h - 1) / 2f;
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            // Output pixel → background position: undo the shift, then the rotation about the image centre.
            float ox = x - cx - shiftXmm / pixelMm, oy = y - cy - shiftYmm / pixelMm;
            var sx = cos * ox + sin * oy + cx;
            var sy = -sin * ox + cos * oy + cy;
            var p = y * w + x;
            if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) { _tap[p] = -1; continue; }
            int x0 = Math.Min((int)sx, w - 2), y0 = Math.Min((int)sy, h - 2);
            _fx[p] = sx - x0;
            _fy[p] = sy - y0;
            _tap[p] = y0 * w + x0;
        }
    }

    /// <summary>Output slices.</summary>
    public int SliceCount { get; }

    /// <summary>Whether output slice <paramref name="slice"/> averages any thin slice in <paramref name="first"/>…<paramref name="last"/>.</summary>
    public bool Reads(int slice, int first, int last)
    {
        var start = _offset + slice * _factor;
        return start <= last && start + _factor - 1 >= first;
    }

    /// <summary>Output slice <paramref name="slice"/> of HU planes; <paramref name="outsideValue"/> beyond the field of view.</summary>
    public void Resample(int slice, PlaneSource<short> planes, short outsideValue, Span<short> target)
    {
        Array.Clear(_thick);
        var thick = _thick.AsSpan();
        var first = _offset + slice * _factor;
        // Sums of at most a few 12-bit integers: exact in float, in any order.
        for (var s = first; s < first + _factor; s++)
        {
            var source = planes(s)[..thick.Length];
            for (var p = 0; p < thick.Length; p++) thick[p] += source[p];
        }
        Interpolate(outsideValue, target);
    }

    /// <summary>Output slice <paramref name="slice"/> of lesion fractions (0–100), clamped to 0–100.</summary>
    public void Resample(int slice, PlaneSource<byte> planes, Span<byte> target)
    {
        Array.Clear(_thick);
        var thick = _thick.AsSpan();
        var first = _offset + slice * _factor;
        for (var s = first; s < first + _factor; s++)
        {
            var source = planes(s)[..thick.Length];
            for (var p = 0; p < thick.Length; p++) thick[p] += source[p];
        }
        var values = _values ??= new short[thick.Length];
        Interpolate(0, values);
        for (var p = 0; p < values.Length; p++) target[p] = (byte)Math.Clamp((int)values[p], 0, 100);
    }

    private void Interpolate(short outsideValue, Span<short> target)
    {
        var thick = _thick.AsSpan();
        for (var p = 0; p < thick.Length; p++) thick[p] /= _factor;
        int w = _width;
        var tap = _tap.AsSpan(0, target.Length);
        var fxs = _fx.AsSpan(0, target.Length);
        var fys = _fy.AsSpan(0, target.Length);
        for (var p = 0; p < target.Length; p++)
        {
            var o = tap[p];
            if (o < 0) { target[p] = outsideValue; continue; }
            float fx = fxs[p], fy = fys[p];
            var value = (1 - fy) * ((1 - fx) * thick[o] + fx * thick[o + 1]) + fy * ((1 - fx) * thick[o + w] + fx * thick[o + w + 1]);
            target[p] = (short)Math.Clamp(MathF.Round(value), -1024f, 3071f);
        }
    }
}
