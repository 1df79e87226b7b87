using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>One thin background plane, by slice index.</summary>
internal delegate ReadOnlySpan<T> PlaneSource<T>(int slice);

/// <summary>An in-plane rectangle of pixels, inclusive.</summary>
internal readonly record struct PixelBox(int X0, int Y0, int X1, int Y1);

/// <summary>
/// One re-acquisition's resampling: a thick slice is the mean of <c>factor</c> thin ones from the slab offset (partial
/// volume at the new thickness), then rotated and shifted in-plane (bilinear). The taps and weights are the same for every
/// slice of a study, so they are worked out once. Not thread-safe (one per study).
/// </summary>
internal sealed class SliceResampler
{
    private readonly int _width, _height, _factor, _offset;
    private readonly int[] _tap; // top-left tap of each output pixel; −1 outside the background's field of view
    private readonly float[] _fx, _fy;
    private readonly int[] _rowTapMin, _rowTapMax; // per output row, the lowest and highest tap row (empty: max < min)
    private readonly float[] _thick;
    private short[]? _values;

    public SliceResampler(int width, int height, int factor, int offset, int sliceCount, float pixelMm, float rotationDegrees,
        float shiftXmm, float shiftYmm)
    {
        (_width, _height, _factor, _offset, SliceCount) = (width, height, factor, offset, sliceCount);
        int w = width, h = height, plane = w * h;
        _tap = new int[plane];
        _fx = new float[plane];
        _fy = new float[plane];
        _rowTapMin = new int[h];
        _rowTapMax = new int[h];
        _thick = new float[plane];
        var (sin, cos) = MathF.SinCos(rotationDegrees * MathF.PI / 180f);
        float cx = (w - 1) / 2f, cy = (h - 1) / 2f;
        for (var y = 0; y < h; y++)
        {
            (_rowTapMin[y], _rowTapMax[y]) = (int.MaxValue, -1);
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
                (_rowTapMin[y], _rowTapMax[y]) = (Math.Min(_rowTapMin[y], y0), Math.Max(_rowTapMax[y], y0));
            }
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
        var thick = _thick.AsSpan();
        var first = _offset + slice * _factor;
        // Sums of at most a few 12-bit integers: exact in float, in any order and any grouping.
        Widen(planes(first)[..thick.Length], thick);
        for (var s = first + 1; s < first + _factor; s++) Add(planes(s)[..thick.Length], thick);
        Divide(thick, _factor);
        Interpolate(outsideValue, target, 0, _height - 1);
    }

    /// <summary>
    /// Output slice <paramref name="slice"/> of HU planes that differ from the twin's only inside <paramref name="box"/>:
    /// the twin's slice, with the rows whose taps can reach the box resampled again.
    /// </summary>
    public void Resample(int slice, PlaneSource<short> planes, PixelBox box, ReadOnlySpan<short> twin, short outsideValue, Span<short> target)
    {
        twin.CopyTo(target);
        var (first, last) = RowsReaching(box.Y0, box.Y1);
        if (last < first) return;
        var thick = _thick.AsSpan();
        var start = _offset + slice * _factor;
        Widen(planes(start)[..thick.Length], thick);
        for (var s = start + 1; s < start + _factor; s++) Add(planes(s)[..thick.Length], thick);
        Divide(thick, _factor);
        Interpolate(outsideValue, target, first, last);
    }

    /// <summary>The output rows (a range) holding a pixel whose taps read a row in <paramref name="y0"/>…<paramref name="y1"/>.</summary>
    private (int First, int Last) RowsReaching(int y0, int y1)
    {
        // Taps read their corner's row and the next one.
        int first = int.MaxValue, last = -1;
        for (var y = 0; y < _height; y++)
        {
            if (_rowTapMax[y] < y0 - 1 || _rowTapMin[y] > y1) continue;
            first = Math.Min(first, y);
            last = y;
        }
        return (first, last);
    }

    /// <summary>
    /// Output slice <paramref name="slice"/> of lesion fractions (0–100, clamped), whose planes are 0 outside
    /// <paramref name="box"/>. Only the output rows whose taps can reach the box are written (every pixel of them, 0 where
    /// nothing reaches); every other pixel would resample to 0.
    /// </summary>
    /// <returns>The written rows (none when <c>Last</c> &lt; <c>First</c>).</returns>
    public (int First, int Last) Resample(int slice, PlaneSource<byte> planes, PixelBox box, Span<byte> target)
    {
        int w = _width, h = _height;
        // Thick values that taps can read: the box, and 0 one pixel around it (a tap reads up to one pixel past its corner).
        int x0 = Math.Max(0, box.X0 - 1), x1 = Math.Min(w - 1, box.X1 + 1), y0 = Math.Max(0, box.Y0 - 1), y1 = Math.Min(h - 1, box.Y1 + 1);
        var thick = _thick.AsSpan();
        var first = _offset + slice * _factor;
        for (var y = y0; y <= y1; y++)
        {
            var row = thick.Slice(y * w + x0, x1 - x0 + 1);
            row.Clear();
            for (var s = first; s < first + _factor; s++)
            {
                var source = planes(s).Slice(y * w + x0, row.Length);
                for (var x = 0; x < row.Length; x++) row[x] += source[x];
            }
            for (var x = 0; x < row.Length; x++) row[x] /= _factor;
        }
        // A pixel whose top-left tap lies outside [x0, x1 − 1] × [y0, y1 − 1] reads four zeros (or is outside the field of view).
        int rowFirst = int.MaxValue, rowLast = -1;
        for (var y = 0; y < h; y++)
        {
            if (_rowTapMax[y] < y0 || _rowTapMin[y] > y1 - 1) continue;
            rowFirst = Math.Min(rowFirst, y);
            rowLast = y;
        }
        if (rowLast < 0) return (0, -1);
        var values = _values ??= new short[w * h];
        var span = w * (rowLast - rowFirst + 1);
        for (var p = rowFirst * w; p < rowFirst * w + span; p++)
        {
            var o = _tap[p];
            int tx = o % w, ty = o / w;
            if (o < 0 || tx < x0 || tx > x1 - 1 || ty < y0 || ty > y1 - 1) { values[p] = 0; continue; }
            values[p] = Bilinear(thick, o, _fx[p], _fy[p], w);
        }
        for (var p = rowFirst * w; p < rowFirst * w + span; p++) target[p] = (byte)Math.Clamp((int)values[p], 0, 100);
        return (rowFirst, rowLast);
    }

    private void Interpolate(short outsideValue, Span<short> target, int firstRow, int lastRow)
    {
        var thick = _thick.AsSpan();
        int w = _width;
        ref var tap = ref MemoryMarshal.GetArrayDataReference(_tap);
        ref var fxs = ref MemoryMarshal.GetArrayDataReference(_fx);
        ref var fys = ref MemoryMarshal.GetArrayDataReference(_fy);
        var p = firstRow * w;
        var end = Math.Min((lastRow + 1) * w, target.Length);
        if (Avx2.IsSupported) p = InterpolateAvx2(outsideValue, target, p, end);
        for (; p < end; p++)
        {
            var o = Unsafe.Add(ref tap, p);
            target[p] = o < 0 ? outsideValue : Bilinear(thick, o, Unsafe.Add(ref fxs, p), Unsafe.Add(ref fys, p), w);
        }
    }

    /// <summary>
    /// <see cref="Bilinear"/> for 16 pixels at a time with gathers: the same multiplies and adds in the same order per lane,
    /// round-half-even and the same clamp, so the same shorts. Returns where the scalar loop takes over.
    /// </summary>
    private unsafe int InterpolateAvx2(short outsideValue, Span<short> target, int p, int end)
    {
        var w = _width;
        fixed (float* thick = _thick)
        fixed (int* taps = _tap)
        fixed (float* fxs = _fx)
        fixed (float* fys = _fy)
        fixed (short* output = target)
        {
            var outside = Vector256.Create((int)outsideValue);
            for (; p + 16 <= end; p += 16)
            {
                var first = Pixels8(thick, w, taps + p, fxs + p, fys + p, outside);
                var second = Pixels8(thick, w, taps + p + 8, fxs + p + 8, fys + p + 8, outside);
                Vector256.Narrow(first, second).Store(output + p);
            }
        }
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Pixels8(float* thick, int w, int* taps, float* fxs, float* fys, Vector256<int> outside)
    {
        var tap = Avx.LoadVector256(taps);
        var valid = Avx2.CompareGreaterThan(tap, Vector256.Create(-1));
        var safe = Avx2.Max(tap, Vector256<int>.Zero);
        var a = Avx2.GatherVector256(thick, safe, 4);
        var b = Avx2.GatherVector256(thick + 1, safe, 4);
        var c = Avx2.GatherVector256(thick + w, safe, 4);
        var d = Avx2.GatherVector256(thick + w + 1, safe, 4);
        var fx = Avx.LoadVector256(fxs);
        var fy = Avx.LoadVector256(fys);
        var one = Vector256.Create(1f);
        var gx = Avx.Subtract(one, fx);
        var gy = Avx.Subtract(one, fy);
        var top = Avx.Add(Avx.Multiply(gx, a), Avx.Multiply(fx, b));
        var bottom = Avx.Add(Avx.Multiply(gx, c), Avx.Multiply(fx, d));
        var value = Avx.Add(Avx.Multiply(gy, top), Avx.Multiply(fy, bottom));
        var clamped = Avx.Min(Avx.Max(Avx.RoundToNearestInteger(value), Vector256.Create(-1024f)), Vector256.Create(3071f));
        return Avx2.BlendVariable(outside, Avx.ConvertToVector256Int32WithTruncation(clamped), valid);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static short Bilinear(ReadOnlySpan<float> thick, int o, float fx, float fy, int w)
    {
        var four = thick.Slice(o, w + 2);
        var value = (1 - fy) * ((1 - fx) * four[0] + fx * four[1]) + fy * ((1 - fx) * four[w] + fx * four[w + 1]);
        return (short)Math.Clamp(MathF.Round(value), -1024f, 3071f);
    }

    private static void Widen(ReadOnlySpan<short> source, Span<float> target)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<short>.Count <= source.Length; i += Vector<short>.Count)
            {
                Vector.Widen(new Vector<short>(source[i..]), out var low, out var high);
                Vector.ConvertToSingle(low).CopyTo(target[i..]);
                Vector.ConvertToSingle(high).CopyTo(target[(i + Vector<int>.Count)..]);
            }
        }
        for (; i < source.Length; i++) target[i] = source[i];
    }

    private static void Add(ReadOnlySpan<short> source, Span<float> target)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<short>.Count <= source.Length; i += Vector<short>.Count)
            {
                Vector.Widen(new Vector<short>(source[i..]), out var low, out var high);
                (new Vector<float>(target[i..]) + Vector.ConvertToSingle(low)).CopyTo(target[i..]);
                var j = i + Vector<int>.Count;
                (new Vector<float>(target[j..]) + Vector.ConvertToSingle(high)).CopyTo(target[j..]);
            }
        }
        for (; i < source.Length; i++) target[i] += source[i];
    }

    private static void Divide(Span<float> values, int factor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<float>(factor);
            for (; i + Vector<float>.Count <= values.Length; i += Vector<float>.Count) (new Vector<float>(values[i..]) / f).CopyTo(values[i..]);
        }
        for (; i < values.Length; i++) values[i] /= factor;
    }
}
