using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ich.Dicom.Pixels.Hounsfield;

/// <summary>
/// Stored values → Hounsfield units (HU = stored × slope + intercept), with padding pixels set to a fill value.
/// Vectorized with <see cref="Vector{T}"/>: the series reader's budget is at least 1 GB/s of 16-bit pixel data on
/// one core, which a scalar loop with a branch per pixel does not reach.
/// </summary>
public static class HounsfieldConverter
{
    /// <summary>The HU of air: the default fill for padding pixels.</summary>
    public const float Air = -1024f;

    /// <summary>
    /// Converts greyscale stored values (the <see cref="StoredValues"/> convention; one or more frames) into HU.
    /// </summary>
    /// <param name="stored">Stored values, little-endian, <see cref="PixelFormat.BytesPerSample"/> bytes each.</param>
    /// <param name="format">The pixel format; must be greyscale (1 sample per pixel).</param>
    /// <param name="rescale">Slope, intercept and padding.</param>
    /// <param name="destination">One float per sample.</param>
    /// <param name="paddingFill">The value written for padding pixels (default: air, -1024 HU).</param>
    /// <returns>How many pixels were padding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> or <paramref name="rescale"/> is null.</exception>
    /// <exception cref="ArgumentException">The format is colour, or the lengths do not match.</exception>
    public static int Convert(ReadOnlySpan<byte> stored, PixelFormat format, RescaleParameters rescale, Span<float> destination, float paddingFill = Air)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(rescale);
        if (format.SamplesPerPixel != 1)
        {
            throw new ArgumentException($"Hounsfield units are defined for greyscale pixels; this format has {format.SamplesPerPixel} samples per pixel.", nameof(format));
        }

        if (stored.Length % format.BytesPerSample != 0 || stored.Length / format.BytesPerSample != destination.Length)
        {
            throw new ArgumentException(
                $"{stored.Length} bytes of {format.BitsAllocated}-bit samples do not fill {destination.Length} floats exactly.", nameof(destination));
        }

        var lanes = new Lanes((float)rescale.Slope, (float)rescale.Intercept, rescale.PaddingRange, paddingFill);
        return (format.BitsAllocated, format.IsSigned) switch
        {
            (16, true) => Convert16(MemoryMarshal.Cast<byte, short>(stored), destination, ref lanes),
            (16, false) => Convert16(MemoryMarshal.Cast<byte, ushort>(stored), destination, ref lanes),
            (8, true) => Convert8(MemoryMarshal.Cast<byte, sbyte>(stored), destination, ref lanes),
            (8, false) => Convert8(stored, destination, ref lanes),
            (32, true) => ConvertScalar(MemoryMarshal.Cast<byte, int>(stored), destination, ref lanes),
            _ => ConvertScalar(MemoryMarshal.Cast<byte, uint>(stored), destination, ref lanes),
        };
    }

    private static int Convert16<T>(ReadOnlySpan<T> source, Span<float> destination, ref Lanes lanes)
        where T : unmanaged, IBinaryInteger<T>
    {
        nuint i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Unchecked loads and stores: the bounds are the loop condition (lengths checked by the caller).
            ref var input = ref MemoryMarshal.GetReference(source);
            ref var output = ref MemoryMarshal.GetReference(destination);
            var width = (nuint)Vector<T>.Count;
            var half = width / 2;
            var length = (nuint)source.Length;
            for (; i + width <= length; i += width)
            {
                var (low, high) = Widen(Vector.LoadUnsafe(ref input, i));
                lanes.Write(low, ref output, i);
                lanes.Write(high, ref output, i + half);
            }
        }

        return lanes.PaddingCount + ScalarTail(source[(int)i..], destination[(int)i..], ref lanes);
    }

    private static int Convert8<T>(ReadOnlySpan<T> source, Span<float> destination, ref Lanes lanes)
        where T : unmanaged, IBinaryInteger<T>
    {
        nuint i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref var input = ref MemoryMarshal.GetReference(source);
            ref var output = ref MemoryMarshal.GetReference(destination);
            var width = (nuint)Vector<T>.Count;
            var quarter = width / 4;
            var length = (nuint)source.Length;
            for (; i + width <= length; i += width)
            {
                var (low, high) = Widen8(Vector.LoadUnsafe(ref input, i));
                var (a, b) = WidenInt16(low);
                var (c, d) = WidenInt16(high);
                lanes.Write(a, ref output, i);
                lanes.Write(b, ref output, i + quarter);
                lanes.Write(c, ref output, i + (2 * quarter));
                lanes.Write(d, ref output, i + (3 * quarter));
            }
        }

        return lanes.PaddingCount + ScalarTail(source[(int)i..], destination[(int)i..], ref lanes);
    }

    private static int ConvertScalar<T>(ReadOnlySpan<T> source, Span<float> destination, ref Lanes lanes)
        where T : unmanaged, IBinaryInteger<T> => ScalarTail(source, destination, ref lanes);

    private static int ScalarTail<T>(ReadOnlySpan<T> source, Span<float> destination, ref Lanes lanes)
        where T : unmanaged, IBinaryInteger<T>
    {
        var padding = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var value = long.CreateTruncating(source[i]);
            if (lanes.HasPadding && value >= lanes.PaddingLowScalar && value <= lanes.PaddingHighScalar)
            {
                destination[i] = lanes.FillScalar;
                padding++;
            }
            else
            {
                destination[i] = (value * lanes.SlopeScalar) + lanes.InterceptScalar;
            }
        }

        return padding;
    }

    /// <summary>16-bit lanes widened to two vectors of 32-bit integers (sign- or zero-extended by type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<int> Low, Vector<int> High) Widen<T>(Vector<T> values)
        where T : unmanaged
    {
        if (typeof(T) == typeof(short))
        {
            Vector.Widen(values.As<T, short>(), out var low, out var high);
            return (low, high);
        }

        Vector.Widen(values.As<T, ushort>(), out var ulow, out var uhigh);
        return (ulow.As<uint, int>(), uhigh.As<uint, int>()); // < 65536: the same numbers as int
    }

    /// <summary>8-bit lanes widened to two vectors of 16-bit integers (sign- or zero-extended by type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<short> Low, Vector<short> High) Widen8<T>(Vector<T> values)
        where T : unmanaged
    {
        if (typeof(T) == typeof(sbyte))
        {
            Vector.Widen(values.As<T, sbyte>(), out var low, out var high);
            return (low, high);
        }

        Vector.Widen(values.As<T, byte>(), out var ulow, out var uhigh);
        return (ulow.As<ushort, short>(), uhigh.As<ushort, short>()); // < 256: the same numbers as short
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<int> Low, Vector<int> High) WidenInt16(Vector<short> values)
    {
        Vector.Widen(values, out var low, out var high);
        return (low, high);
    }

    /// <summary>The broadcast constants and the running padding count of one conversion.</summary>
    private struct Lanes
    {
        private readonly Vector<float> slope;
        private readonly Vector<float> intercept;
        private readonly Vector<float> fill;
        private readonly Vector<int> paddingLow;
        private readonly Vector<int> paddingHigh;
        private Vector<int> paddingLanes; // -1 per padding pixel seen, per lane

        public Lanes(float slope, float intercept, (int Low, int High)? padding, float fill)
        {
            this.slope = new Vector<float>(slope);
            this.intercept = new Vector<float>(intercept);
            this.fill = new Vector<float>(fill);
            SlopeScalar = slope;
            InterceptScalar = intercept;
            FillScalar = fill;
            HasPadding = padding.HasValue;
            PaddingLowScalar = padding?.Low ?? 0;
            PaddingHighScalar = padding?.High ?? 0;
            paddingLow = new Vector<int>(PaddingLowScalar);
            paddingHigh = new Vector<int>(PaddingHighScalar);
            paddingLanes = Vector<int>.Zero;
        }

        public readonly float SlopeScalar { get; }

        public readonly float InterceptScalar { get; }

        public readonly float FillScalar { get; }

        public readonly bool HasPadding { get; }

        public readonly int PaddingLowScalar { get; }

        public readonly int PaddingHighScalar { get; }

        public readonly int PaddingCount => -Vector.Sum(paddingLanes);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(Vector<int> values, ref float destination, nuint offset)
        {
            var hu = (Vector.ConvertToSingle(values) * slope) + intercept;
            if (HasPadding)
            {
                var isPadding = Vector.GreaterThanOrEqual(values, paddingLow) & Vector.LessThanOrEqual(values, paddingHigh);
                hu = Vector.ConditionalSelect(isPadding.As<int, float>(), fill, hu);
                paddingLanes += isPadding;
            }

            hu.StoreUnsafe(ref destination, offset);
        }
    }
}
