using System.Buffers.Binary;

namespace Ich.Dicom.Pixels.Hounsfield;

/// <summary>
/// The modality LUT of a CT frame: HU = stored × <see cref="Slope"/> + <see cref="Intercept"/>, and the stored
/// values that are padding (outside the reconstructed field of view) rather than measurements.
/// </summary>
/// <param name="Slope">Rescale Slope (0028,1053).</param>
/// <param name="Intercept">Rescale Intercept (0028,1052).</param>
/// <param name="PaddingValue">Pixel Padding Value (0028,0120) as a stored value, or null.</param>
/// <param name="PaddingRangeLimit">Pixel Padding Range Limit (0028,0121): with it, every stored value between the
/// two (inclusive) is padding.</param>
public sealed record RescaleParameters(double Slope, double Intercept, int? PaddingValue = null, int? PaddingRangeLimit = null)
{
    private static readonly DicomTag SharedFunctionalGroupsSequence = new(0x5200, 0x9229);
    private static readonly DicomTag PerFrameFunctionalGroupsSequence = new(0x5200, 0x9230);
    private static readonly DicomTag PixelValueTransformationSequence = new(0x0028, 0x9145);

    /// <summary>Slope 1, intercept 0, no padding: HU equal the stored values.</summary>
    public static RescaleParameters Identity { get; } = new(1, 0);

    /// <summary>The inclusive range of padding stored values, or null when the frame has no padding value.</summary>
    public (int Low, int High)? PaddingRange => PaddingValue is not { } value ? null
        : PaddingRangeLimit is not { } limit ? (value, value)
        : (Math.Min(value, limit), Math.Max(value, limit));

    /// <summary>
    /// Reads the rescale of frame <paramref name="frame"/>: from the frame's Pixel Value Transformation functional
    /// group (enhanced multi-frame objects), else the shared one, else the top-level attributes; slope 1 and
    /// intercept 0 when absent. Padding values are read with the sign of <paramref name="format"/> (PS3.3: their
    /// VR follows Pixel Representation).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> or <paramref name="format"/> is null.</exception>
    /// <exception cref="InvalidPixelModuleException">The slope is zero or not a finite number.</exception>
    /// <exception cref="DicomValueException">Slope or intercept is not a number.</exception>
    public static RescaleParameters From(DicomDataset dataset, PixelFormat format, int frame = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentOutOfRangeException.ThrowIfNegative(frame);

        var source = TransformationGroup(dataset, frame) ?? dataset;
        var slope = source.GetDouble(DicomTags.RescaleSlope) ?? 1.0;
        var intercept = source.GetDouble(DicomTags.RescaleIntercept) ?? 0.0;
        if (slope == 0 || !double.IsFinite(slope))
        {
            throw new InvalidPixelModuleException(DicomTags.RescaleSlope, $"Rescale Slope is {slope}; it must be a finite non-zero number.");
        }

        if (!double.IsFinite(intercept))
        {
            throw new InvalidPixelModuleException(DicomTags.RescaleIntercept, "Rescale Intercept is not a finite number.");
        }

        return new RescaleParameters(slope, intercept,
            ReadStoredValue(dataset, DicomTags.PixelPaddingValue, format),
            ReadStoredValue(dataset, DicomTags.PixelPaddingRangeLimit, format));
    }

    private static DicomDataset? TransformationGroup(DicomDataset dataset, int frame)
    {
        var perFrame = dataset.GetSequence(PerFrameFunctionalGroupsSequence);
        if (frame < perFrame.Count && perFrame[frame].GetSequence(PixelValueTransformationSequence) is [var own, ..])
        {
            return own;
        }

        return dataset.GetSequence(SharedFunctionalGroupsSequence) is [var shared, ..]
            && shared.GetSequence(PixelValueTransformationSequence) is [var common, ..]
            ? common
            : null;
    }

    /// <summary>A US/SS value read with the pixel data's sign (implicit VR files may call an SS value US).</summary>
    private static int? ReadStoredValue(DicomDataset dataset, DicomTag tag, PixelFormat format)
    {
        if (!dataset.TryGet(tag, out var element)) return null;
        var raw = element.RawValue.Span;
        return raw.Length switch
        {
            >= 4 when format.BitsAllocated == 32 => format.IsSigned
                ? BinaryPrimitives.ReadInt32LittleEndian(raw)
                : (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(raw), int.MaxValue),
            >= 2 => format.IsSigned ? BinaryPrimitives.ReadInt16LittleEndian(raw) : BinaryPrimitives.ReadUInt16LittleEndian(raw),
            _ => null,
        };
    }
}
