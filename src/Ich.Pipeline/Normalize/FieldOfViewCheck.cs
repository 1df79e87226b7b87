using Ich.Preprocessing;

namespace Ich.Pipeline.Normalize;

/// <summary>
/// Refuses a field of view too small for a head: the skull cut by the image edge shows as bone on the image border.
/// A whole head inside the field leaves the border to air, the table and the headrest (all below bone density).
/// </summary>
public static class FieldOfViewCheck
{
    /// <summary>Bone, HU.</summary>
    public const float BoneHu = 300f;

    /// <summary>Share of a slice's border pixels that are bone for the slice to count as cut.</summary>
    public const double CutBorderFraction = 0.02;

    /// <summary>Share of slices that may be cut before the series is refused.</summary>
    public const double CutSliceFraction = 0.25;

    /// <summary>Why <paramref name="volume"/>'s field of view is refused, or null when the head fits.</summary>
    public static string? Check(HuVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var cut = 0;
        for (var z = 0; z < volume.Depth; z++) if (BorderBoneFraction(volume, z) >= CutBorderFraction) cut++;
        return cut > CutSliceFraction * volume.Depth
            ? $"field of view too small for a head: the skull is cut by the image edge on {cut} of {volume.Depth} slices"
            : null;
    }

    /// <summary>Share of slice <paramref name="z"/>'s outermost pixels that are bone.</summary>
    public static double BorderBoneFraction(HuVolume volume, int z)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var slice = volume.Slice(z);
        int w = volume.Width, h = volume.Height, bone = 0;
        for (var c = 0; c < w; c++)
        {
            if (slice[c] >= BoneHu) bone++;
            if (h > 1 && slice[(h - 1) * w + c] >= BoneHu) bone++;
        }

        for (var r = 1; r < h - 1; r++)
        {
            if (slice[r * w] >= BoneHu) bone++;
            if (w > 1 && slice[r * w + w - 1] >= BoneHu) bone++;
        }

        var border = 2 * w + 2 * Math.Max(0, h - 2);
        return (double)bone / border;
    }
}
