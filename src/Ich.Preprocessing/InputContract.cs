using System.Text.Json.Serialization;

namespace Ich.Preprocessing;

/// <summary>
/// What a model expects as input, written into its model card so serving preprocesses exactly as training did.
/// A series becomes a tensor [T, C, H, W]: T slabs ordered inferior → superior (along the slice normal), C channels
/// in the order of <see cref="Windows"/>, H = W = <see cref="InputSize"/> pixels, rows anterior → posterior and
/// columns patient right → left (the radiological view of a standard axial series).
/// </summary>
public sealed record InputContract
{
    /// <summary>The contract the default models are trained with.</summary>
    public static InputContract Default { get; } = new();

    /// <summary>Rows = columns of each model input slab.</summary>
    public int InputSize { get; init; } = 128;

    /// <summary>
    /// Slab thickness, mm: thinner slices are averaged into slabs about this thick (0.6 mm slices carry 2–3× the noise
    /// of 5 mm ones; averaging also gives the model one slice profile whatever the upload). Slices already at least
    /// three quarters as thick are used one by one.
    /// </summary>
    public float SlabThicknessMm { get; init; } = 5f;

    /// <summary>
    /// Side of the square field the model sees, mm, centred on the head. A fixed physical field keeps one millimetre
    /// the same number of pixels for every upload; a head wider than the field widens it (nothing is cut off).
    /// </summary>
    public float FieldOfViewMm { get; init; } = 230f;

    /// <summary>HU above which a voxel counts as bone when the skull is located for the head crop.</summary>
    public float BoneThresholdHu { get; init; } = 300f;

    /// <summary>HU above which a voxel counts as tissue (not air) when no skull is found.</summary>
    public float TissueThresholdHu { get; init; } = -300f;

    /// <summary>HU written where the field reaches beyond the image (air).</summary>
    public float OutsideHu { get; init; } = -1024f;

    /// <summary>
    /// Intensity windows, one channel each. Default: the RSNA 2019 challenge convention (brain 40/80, subdural 80/200,
    /// soft tissue 40/380), because its brain and subdural windows separate fresh blood (50–90 HU) from brain
    /// (25–40 HU) and bone far better than the paper's wider 50/200, 200/200 and 350/200 (Ye et al. 2019).
    /// </summary>
    public IReadOnlyList<IntensityWindow> Windows { get; init; } = [IntensityWindow.Brain, IntensityWindow.Subdural, IntensityWindow.SoftTissue];

    /// <summary>Millimetres per model pixel when the head fits the default field.</summary>
    [JsonIgnore]
    public float NominalPixelSpacingMm => FieldOfViewMm / InputSize;

    /// <summary>Throws when the contract cannot be applied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (InputSize is < 16 or > 1024) throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, "The input size must be 16…1024 pixels.");
        if (!(SlabThicknessMm is > 0f and <= 20f)) throw new ArgumentOutOfRangeException(nameof(SlabThicknessMm), SlabThicknessMm, "The slab thickness must be in (0, 20] mm.");
        if (!(FieldOfViewMm is >= 50f and <= 600f)) throw new ArgumentOutOfRangeException(nameof(FieldOfViewMm), FieldOfViewMm, "The field of view must be 50…600 mm.");
        if (Windows is null || Windows.Count == 0) throw new ArgumentOutOfRangeException(nameof(Windows), "At least one intensity window is needed.");
        foreach (var window in Windows) window.Validate();
    }
}
