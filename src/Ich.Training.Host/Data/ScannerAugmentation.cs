using Ich.Preprocessing;

namespace Ich.Training.Host.Data;

/// <summary>
/// Randomisation that makes a model meet scanners it has not seen: calibration (HU offset and scale), extra noise
/// with a correlated texture, in-plane blur, and head position, size, rotation and left–right flip. Real scanners
/// here differ by ~10 HU in brain median and 3× in noise; the ranges cover that with room.
/// Applied to a copy of the HU volume before the shared preprocessing, so nothing of it reaches serving.
/// </summary>
public sealed record ScannerAugmentation
{
    /// <summary>Largest HU offset, ± (calibration).</summary>
    public float MaxOffsetHu { get; init; } = 12f;

    /// <summary>Largest relative HU scale change, ± (contrast; scale about water, 0 HU).</summary>
    public float MaxScale { get; init; } = 0.08f;

    /// <summary>Largest added noise SD, HU (added in quadrature to the series' own noise).</summary>
    public float MaxNoiseHu { get; init; } = 7f;

    /// <summary>Largest Gaussian blur sigma, source pixels.</summary>
    public float MaxBlurPixels { get; init; } = 1.0f;

    /// <summary>Largest in-plane rotation, ± degrees.</summary>
    public float MaxRotationDegrees { get; init; } = 15f;

    /// <summary>Largest relative size change of the head in the field, ±.</summary>
    public float MaxZoom { get; init; } = 0.12f;

    /// <summary>Largest shift of the head, ± mm.</summary>
    public float MaxShiftMm { get; init; } = 12f;

    /// <summary>No randomisation (validation, evaluation).</summary>
    public static ScannerAugmentation None { get; } = new()
    {
        MaxOffsetHu = 0, MaxScale = 0, MaxNoiseHu = 0, MaxBlurPixels = 0, MaxRotationDegrees = 0, MaxZoom = 0, MaxShiftMm = 0,
    };

    /// <summary>Draws one scanner and head placement and applies the intensity part to a copy of <paramref name="volume"/>.</summary>
    /// <returns>The changed copy (or the volume itself when nothing changes) and the in-plane transform to preprocess with.</returns>
    public (HuVolume Volume, InPlaneTransform Transform) Apply(HuVolume volume, Random random)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(random);
        var offset = Symmetric(random, MaxOffsetHu);
        var scale = 1f + Symmetric(random, MaxScale);
        var noise = MaxNoiseHu * (float)random.NextDouble();
        var blur = MaxBlurPixels * (float)random.NextDouble();
        var transform = new InPlaneTransform(
            Symmetric(random, MaxRotationDegrees), 1f + Symmetric(random, MaxZoom),
            Symmetric(random, MaxShiftMm), Symmetric(random, MaxShiftMm), random.Next(2) == 1);
        if (offset == 0f && scale == 1f && noise == 0f && blur == 0f) return (volume, transform);

        var voxels = (float[])volume.Voxels.Clone();
        var plane = volume.Width * volume.Height;
        var noisePlane = new float[plane];
        var scratch = new float[plane];
        for (var z = 0; z < volume.Depth; z++)
        {
            var slice = voxels.AsSpan(z * plane, plane);
            if (blur > 0.2f) GaussianBlur.Apply(slice, volume.Width, volume.Height, blur, scratch);
            for (var i = 0; i < plane; i++)
            {
                // Air and bone stay put apart from the calibration: soft tissue is what scanners disagree on.
                slice[i] = slice[i] * scale + offset;
            }

            if (noise > 0.5f)
            {
                // Correlated noise: white noise blurred by ~0.8 px (real CT noise has a grain, not pixel speckle),
                // rescaled to the drawn SD.
                for (var i = 0; i < plane; i++) noisePlane[i] = Gaussian(random);
                GaussianBlur.Apply(noisePlane, volume.Width, volume.Height, 0.8f, scratch);
                const float blurredSd = 0.35f; // SD of unit white noise after a 0.8 px Gaussian blur (≈ 1 / (2·√π·σ)).
                var gain = noise / blurredSd;
                for (var i = 0; i < plane; i++) if (slice[i] > -500f) slice[i] += noisePlane[i] * gain;
            }
        }

        return (new HuVolume(volume.Width, volume.Height, voxels, volume.RowSpacingMm, volume.ColumnSpacingMm, volume.SlicePositionsMm), transform);
    }

    private static float Symmetric(Random random, float max) => max == 0f ? 0f : (float)((random.NextDouble() * 2 - 1) * max);

    private static float Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}

/// <summary>A separable Gaussian blur in place (truncated at 3 σ, edges clamped).</summary>
internal static class GaussianBlur
{
    public static void Apply(Span<float> image, int width, int height, float sigma, float[] scratch)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        Span<float> kernel = stackalloc float[2 * radius + 1];
        var sum = 0f;
        for (var i = -radius; i <= radius; i++) sum += kernel[i + radius] = MathF.Exp(-i * i / (2 * sigma * sigma));
        for (var i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var acc = 0f;
                for (var k = -radius; k <= radius; k++) acc += kernel[k + radius] * image[y * width + Math.Clamp(x + k, 0, width - 1)];
                scratch[y * width + x] = acc;
            }
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var acc = 0f;
                for (var k = -radius; k <= radius; k++) acc += kernel[k + radius] * scratch[Math.Clamp(y + k, 0, height - 1) * width + x];
                image[y * width + x] = acc;
            }
        }
    }
}
