namespace Ich.Preprocessing;

/// <summary>
/// A display window turned into one input channel: HU in [level − width/2, level + width/2] map linearly onto 0…1,
/// values outside are clamped.
/// </summary>
/// <param name="Name">What the window shows (for the model card), e.g. <c>brain</c>.</param>
/// <param name="Level">Window centre, HU.</param>
/// <param name="Width">Window width, HU (positive).</param>
public sealed record IntensityWindow(string Name, float Level, float Width)
{
    /// <summary>Brain window 40/80: grey–white contrast, acute blood bright.</summary>
    public static IntensityWindow Brain { get; } = new("brain", 40f, 80f);

    /// <summary>Subdural window 80/200: blood next to bone stays apart from the skull.</summary>
    public static IntensityWindow Subdural { get; } = new("subdural", 80f, 200f);

    /// <summary>Soft-tissue window 40/380: scalp, skull edges and large context.</summary>
    public static IntensityWindow SoftTissue { get; } = new("soft-tissue", 40f, 380f);

    /// <summary>Lowest HU of the window.</summary>
    public float Low => Level - Width / 2f;

    /// <summary>Maps one HU value into 0…1.</summary>
    public float Apply(float hounsfield) => Math.Clamp((hounsfield - Low) / Width, 0f, 1f);

    /// <summary>Throws when the window cannot be applied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is not positive or a value is not finite.</exception>
    public void Validate()
    {
        if (!float.IsFinite(Level)) throw new ArgumentOutOfRangeException(nameof(Level), Level, "The window level must be finite.");
        if (!(Width > 0f) || !float.IsFinite(Width)) throw new ArgumentOutOfRangeException(nameof(Width), Width, "The window width must be positive.");
    }
}
