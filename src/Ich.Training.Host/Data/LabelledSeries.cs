using Ich.Preprocessing;

namespace Ich.Training.Host.Data;

/// <summary>
/// One training series: the HU volume, the subtype bit mask of every slice (bit i = subtype i in the order
/// epidural, intraparenchymal, intraventricular, subarachnoid, subdural; 0 = no hemorrhage) and the subject it
/// comes from, so splits keep a subject (or a real background head) on one side.
/// </summary>
/// <param name="Volume">HU, inferior → superior.</param>
/// <param name="SliceMasks">Subtype bits per slice.</param>
/// <param name="GroupKey">Subject or background identity used for splitting.</param>
/// <param name="Source">Where it came from (for the model card), e.g. <c>phantom</c> or <c>inserted:Cranium</c>.</param>
public sealed record LabelledSeries(HuVolume Volume, byte[] SliceMasks, string GroupKey, string Source)
{
    /// <summary>
    /// Set on the two members of a twin pair (a positive and the same subject without its lesions): the trainers give
    /// both the same augmentation and put their slabs side by side, so the pair still differs only in the lesion.
    /// </summary>
    public int? TwinPair { get; init; }

    /// <summary>Number of labels per slab and subject: <c>any</c> then the five subtypes.</summary>
    public const int LabelCount = 6;

    /// <summary>Subject mask: the union of the slice masks.</summary>
    public byte SubjectMask => SliceMasks.Aggregate((byte)0, (a, b) => (byte)(a | b));

    /// <summary>Labels of one mask as 0/1 floats in model order (any, epidural, intraparenchymal, intraventricular, subarachnoid, subdural).</summary>
    public static void WriteTargets(byte mask, Span<float> targets)
    {
        targets[0] = mask != 0 ? 1f : 0f;
        for (var i = 0; i < LabelCount - 1; i++) targets[i + 1] = (mask & (1 << i)) != 0 ? 1f : 0f;
    }

    /// <summary>Slab masks: a slab is positive for a subtype when any of its slices is.</summary>
    public byte[] SlabMasks(IReadOnlyList<Slab> slabs)
    {
        ArgumentNullException.ThrowIfNull(slabs);
        var masks = new byte[slabs.Count];
        for (var s = 0; s < slabs.Count; s++)
        {
            for (var i = slabs[s].FirstSlice; i < slabs[s].EndSlice; i++) masks[s] |= SliceMasks[i];
        }

        return masks;
    }
}
