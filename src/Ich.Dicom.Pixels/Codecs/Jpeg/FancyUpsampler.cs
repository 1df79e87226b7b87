namespace Ich.Dicom.Pixels.Codecs.Jpeg;

/// <summary>
/// Re-does chroma upsampling the way IJG libjpeg does by default ("fancy" triangle filter for 2:1 horizontal
/// and 2:1 horizontal+vertical subsampling, jdsample.c), because the reference decoders (dcmtk, pydicom) use it
/// and JpegLibrary only replicates samples: replicated chroma differs from theirs by tens of levels at colour
/// edges. The subsampled plane is recovered exactly from the replicated output (every fx-th / fy-th sample),
/// then filtered. Other ratios stay replicated, as libjpeg does for them too.
/// </summary>
internal static class FancyUpsampler
{
    /// <summary>Upsamples component <paramref name="component"/> of the interleaved grid in place.</summary>
    /// <param name="grid">Interleaved samples (width × height × components) holding replicated chroma.</param>
    /// <param name="width">Image width.</param>
    /// <param name="height">Image height.</param>
    /// <param name="components">Samples per pixel.</param>
    /// <param name="component">The component to filter.</param>
    /// <param name="horizontalFactor">Max horizontal sampling / this component's (1, 2, ...).</param>
    /// <param name="verticalFactor">Max vertical sampling / this component's.</param>
    public static void Apply(Span<ushort> grid, int width, int height, int components, int component, int horizontalFactor, int verticalFactor)
    {
        if (horizontalFactor != 2 || verticalFactor is not (1 or 2))
        {
            return;
        }

        int planeWidth = (width + 1) / 2;
        int planeHeight = (height + verticalFactor - 1) / verticalFactor;
        if (planeWidth <= 2)
        {
            return; // libjpeg replicates when the subsampled row has 2 samples or fewer
        }

        var plane = new int[planeWidth * planeHeight];
        for (int y = 0; y < planeHeight; y++)
        {
            for (int x = 0; x < planeWidth; x++)
            {
                plane[(y * planeWidth) + x] = grid[((((y * verticalFactor) * width) + (x * 2)) * components) + component];
            }
        }

        var output = new int[2 * planeWidth];
        for (int y = 0; y < height; y++)
        {
            int row = y / verticalFactor;
            if (verticalFactor == 1)
            {
                UpsampleRowH2V1(plane.AsSpan(row * planeWidth, planeWidth), output);
            }
            else
            {
                // Even output rows blend with the row above, odd ones with the row below; edges repeat (jdmainct.c).
                int neighbour = Math.Clamp(y % 2 == 0 ? row - 1 : row + 1, 0, planeHeight - 1);
                UpsampleRowH2V2(plane.AsSpan(row * planeWidth, planeWidth), plane.AsSpan(neighbour * planeWidth, planeWidth), output);
            }

            for (int x = 0; x < width; x++)
            {
                grid[(((y * width) + x) * components) + component] = (ushort)output[x];
            }
        }
    }

    /// <summary>libjpeg h2v1_fancy_upsample: 3/4 nearer + 1/4 further sample, alternating rounding.</summary>
    private static void UpsampleRowH2V1(ReadOnlySpan<int> input, Span<int> output)
    {
        int n = input.Length;
        output[0] = input[0];
        output[1] = ((input[0] * 3) + input[1] + 2) >> 2;
        for (int i = 1; i < n - 1; i++)
        {
            int value = input[i] * 3;
            output[2 * i] = (value + input[i - 1] + 1) >> 2;
            output[(2 * i) + 1] = (value + input[i + 1] + 2) >> 2;
        }

        output[(2 * n) - 2] = ((input[n - 1] * 3) + input[n - 2] + 1) >> 2;
        output[(2 * n) - 1] = input[n - 1];
    }

    /// <summary>libjpeg h2v2_fancy_upsample: the triangle filter in both directions (weights 9/3/3/1 over 16).</summary>
    private static void UpsampleRowH2V2(ReadOnlySpan<int> nearer, ReadOnlySpan<int> further, Span<int> output)
    {
        int n = nearer.Length;
        int current = (nearer[0] * 3) + further[0];
        int next = (nearer[1] * 3) + further[1];
        output[0] = ((current * 4) + 8) >> 4;
        output[1] = ((current * 3) + next + 7) >> 4;
        int last = current;
        current = next;
        for (int i = 1; i < n - 1; i++)
        {
            next = (nearer[i + 1] * 3) + further[i + 1];
            output[2 * i] = ((current * 3) + last + 8) >> 4;
            output[(2 * i) + 1] = ((current * 3) + next + 7) >> 4;
            last = current;
            current = next;
        }

        output[(2 * n) - 2] = ((current * 3) + last + 8) >> 4;
        output[(2 * n) - 1] = ((current * 4) + 7) >> 4;
    }
}
