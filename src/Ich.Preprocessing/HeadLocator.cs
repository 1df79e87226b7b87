namespace Ich.Preprocessing;

/// <summary>Where the head lies in the image plane of a series: the centre and extent of the field to crop.</summary>
/// <param name="CentreColumn">Column of the head's centre (source pixels, may be fractional).</param>
/// <param name="CentreRow">Row of the head's centre.</param>
/// <param name="ExtentMm">Larger side of the head's bounding box plus a margin, mm.</param>
/// <param name="FoundSkull">Whether the skull was found (false: located by soft tissue only).</param>
public sealed record HeadLocation(double CentreColumn, double CentreRow, double ExtentMm, bool FoundSkull);

/// <summary>
/// Finds the head from the image: the largest connected bone region of the maximum-intensity projection over all
/// slices (the skull), which ignores the table and head rest that a tissue threshold would include; if no skull is
/// found, the largest connected tissue region. One location per series keeps every slab in one frame.
/// </summary>
public static class HeadLocator
{
    /// <summary>Scalp and soft tissue outside the skull's box, mm on each side.</summary>
    public const double MarginMm = 12;

    /// <summary>Locates the head in <paramref name="volume"/>.</summary>
    public static HeadLocation Locate(HuVolume volume, InputContract contract)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(contract);
        var width = volume.Width;
        var height = volume.Height;
        var size = width * height;
        var projection = new float[size];
        projection.AsSpan().Fill(float.NegativeInfinity);
        for (var z = 0; z < volume.Depth; z++)
        {
            var slice = volume.Slice(z);
            for (var i = 0; i < size; i++) if (slice[i] > projection[i]) projection[i] = slice[i];
        }

        // A skull shows as a large ring; tiny bright specks (calcifications, noise) are not a head.
        var minimumPixels = Math.Max(16, size / 400);
        if (LargestRegion(projection, width, height, contract.BoneThresholdHu, minimumPixels) is { } skull)
            return ToLocation(skull, volume, true);
        if (LargestRegion(projection, width, height, contract.TissueThresholdHu, minimumPixels) is { } tissue)
            return ToLocation(tissue, volume, false);
        return new HeadLocation((width - 1) / 2.0, (height - 1) / 2.0, Math.Max(width * volume.ColumnSpacingMm, height * volume.RowSpacingMm), false);
    }

    private static HeadLocation ToLocation((int MinX, int MinY, int MaxX, int MaxY) box, HuVolume volume, bool skull)
    {
        var extent = Math.Max((box.MaxX - box.MinX + 1) * volume.ColumnSpacingMm, (box.MaxY - box.MinY + 1) * volume.RowSpacingMm) + 2 * MarginMm;
        return new HeadLocation((box.MinX + box.MaxX) / 2.0, (box.MinY + box.MaxY) / 2.0, extent, skull);
    }

    /// <summary>Bounding box of the largest 4-connected region above <paramref name="threshold"/>, or null when it is smaller than the minimum.</summary>
    private static (int MinX, int MinY, int MaxX, int MaxY)? LargestRegion(float[] image, int width, int height, float threshold, int minimumPixels)
    {
        var labels = new int[image.Length];
        var stack = new Stack<int>();
        var label = 0;
        var bestCount = 0;
        (int, int, int, int) bestBox = default;
        for (var start = 0; start < image.Length; start++)
        {
            if (labels[start] != 0 || !(image[start] > threshold)) continue;
            label++;
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
            labels[start] = label;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                var x = p % width;
                var y = p / width;
                count++;
                if (x < minX) minX = x;
                if (x > maxX) maxX = x;
                if (y < minY) minY = y;
                if (y > maxY) maxY = y;
                if (x > 0) Visit(p - 1);
                if (x < width - 1) Visit(p + 1);
                if (y > 0) Visit(p - width);
                if (y < height - 1) Visit(p + width);
            }

            if (count > bestCount)
            {
                bestCount = count;
                bestBox = (minX, minY, maxX, maxY);
            }
        }

        return bestCount >= minimumPixels ? bestBox : null;

        void Visit(int q)
        {
            if (labels[q] == 0 && image[q] > threshold)
            {
                labels[q] = label;
                stack.Push(q);
            }
        }
    }
}
