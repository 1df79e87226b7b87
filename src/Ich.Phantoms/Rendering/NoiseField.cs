namespace Ich.Phantoms.Rendering;

/// <summary>
/// A periodic texture of unit-variance quantum noise with the spatial correlation of a soft-tissue reconstruction
/// kernel. White Gaussian noise is filtered by a two-sided first-order recursive filter along rows and columns
/// (kernel ∝ a^|n|); its autocorrelation falls to ~0.6 at one 0.45 mm pixel and to 1/e at ~0.8 mm, like real CT
/// noise, instead of the single-pixel correlation of white noise (a smoother kernel: a longer scale). Each slice
/// reads it at a random toroidal offset.
/// </summary>
internal sealed class NoiseField
{
    private readonly float[] _texture;

    /// <summary>Builds a texture of side <paramref name="size"/> (a power of two ≥ the image matrix).</summary>
    /// <param name="rng">Noise stream.</param>
    /// <param name="size">Texture side.</param>
    /// <param name="pixelSpacingMm">Output pixel spacing, mm.</param>
    /// <param name="correlationScaleMm">Correlation length scale λ of the filter, a = exp(−spacing / λ), mm.</param>
    public NoiseField(PhantomRandom rng, int size, float pixelSpacingMm, float correlationScaleMm = ScannerSettings.StandardNoiseCorrelationMm)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (size < 16 || (size & (size - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The noise texture side must be a power of two of at least 16.");
        Size = size;
        _texture = new float[size * size];
        rng.FillNormal(_texture);
        var a = MathF.Exp(-pixelSpacingMm / correlationScaleMm);
        var line = new float[size];
        for (var row = 0; row < size; row++) FilterPeriodic(_texture.AsSpan(row * size, size), a);
        for (var col = 0; col < size; col++)
        {
            for (var row = 0; row < size; row++) line[row] = _texture[row * size + col];
            FilterPeriodic(line, a);
            for (var row = 0; row < size; row++) _texture[row * size + col] = line[row];
        }
        Normalise(_texture);
    }

    /// <summary>Side of the texture.</summary>
    public int Size { get; }

    /// <summary>Unit-variance noise at (x, y), wrapping around.</summary>
    public ReadOnlySpan<float> Row(int y) => _texture.AsSpan((y & (Size - 1)) * Size, Size);

    private static void FilterPeriodic(Span<float> x, float a)
    {
        // Forward then backward pass; each runs over the line twice so the state at the seam is the periodic one.
        var n = x.Length;
        var state = 0f;
        for (var i = 0; i < n; i++) state = x[i] + a * state;
        for (var i = 0; i < n; i++) x[i] = state = x[i] + a * state;
        state = 0f;
        for (var i = n - 1; i >= 0; i--) state = x[i] + a * state;
        for (var i = n - 1; i >= 0; i--) x[i] = state = x[i] + a * state;
    }

    private static void Normalise(float[] values)
    {
        double sum = 0, sum2 = 0;
        foreach (var v in values) { sum += v; sum2 += (double)v * v; }
        var mean = sum / values.Length;
        var sd = Math.Sqrt(sum2 / values.Length - mean * mean);
        var scale = (float)(1.0 / sd);
        var m = (float)mean;
        for (var i = 0; i < values.Length; i++) values[i] = (values[i] - m) * scale;
    }
}
