using System.Globalization;
using System.Runtime.InteropServices;
using Ich.Dicom.Pixels;
using Ich.Dicom.Pixels.Hounsfield;

namespace Ich.Dicom.Series.Volumes;

/// <summary>
/// A narrowly conditioned correction for one known quirk of public CT collections (RSNA 2019): 12-bit unsigned
/// stored values whose Rescale Intercept does not match them, so that air decodes far from −1000 HU.
/// <para><b>Condition</b> (all must hold, else nothing is touched): Bits Allocated 16, Bits Stored 12, Pixel
/// Representation 0, Rescale Slope 1, Rescale Intercept above <see cref="InterceptAbove"/> and no Pixel Padding
/// Range Limit. A consistent unsigned 12-bit CT has an intercept near −1024, so it never meets the condition.</para>
/// <para><b>Correction</b> (the fix widely used on that data set): stored' = stored + <see cref="Offset"/>, wrapped by
/// −<see cref="Modulus"/> when it reaches <see cref="Modulus"/>, with intercept <see cref="RepairedIntercept"/>. A
/// Pixel Padding Value is shifted the same way.</para>
/// <para><b>Plausibility</b>: the correction is applied only when at least <see cref="MinimumAirFraction"/> of the
/// non-padding pixels then lie at air (−1000 to <see cref="AirCeilingHu"/> HU), as every head CT slice has air
/// around the head. Otherwise the values are left as they are and a warning says so.</para>
/// </summary>
public static class RescaleRepair
{
    /// <summary>Intercepts above this (with unsigned 12-bit values and slope 1) cannot yield air: the quirk's signature.</summary>
    public const double InterceptAbove = -100;

    /// <summary>Added to every stored value by the correction.</summary>
    public const int Offset = 1000;

    /// <summary>Corrected values at or above this wrap around by subtracting it (2^12).</summary>
    public const int Modulus = 4096;

    /// <summary>The Rescale Intercept used after the correction.</summary>
    public const double RepairedIntercept = -1000;

    /// <summary>Corrected HU at or below this count as air for the plausibility check.</summary>
    public const double AirCeilingHu = -900;

    /// <summary>Fewest non-padding pixels, as a fraction, that must be air after the correction for it to be applied.</summary>
    public const double MinimumAirFraction = 0.02;

    /// <summary>The warning recorded for every repaired slice.</summary>
    public const string RepairedWarning = "inconsistent 12-bit rescale repaired";

    /// <summary>Whether <paramref name="format"/> and <paramref name="rescale"/> show the quirk's signature (see the type's condition).</summary>
    public static bool Applies(PixelFormat format, RescaleParameters rescale)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(rescale);
        return format is { BitsAllocated: 16, BitsStored: 12, IsSigned: false, SamplesPerPixel: 1 }
            && rescale.Slope == 1
            && rescale.Intercept > InterceptAbove
            && rescale.PaddingRangeLimit is null;
    }

    /// <summary>
    /// Checks one frame of stored values (the <see cref="StoredValues"/> convention) and repairs it in place when the
    /// condition holds and the result is plausible.
    /// </summary>
    /// <param name="format">The frame's pixel format.</param>
    /// <param name="rescale">The rescale read from the file.</param>
    /// <param name="stored">The frame's stored values; rewritten only when the outcome is <see cref="RescaleRepairOutcome.Repaired"/>.</param>
    /// <returns>The outcome, the rescale to convert with, and the warning to record (null when not applicable).</returns>
    /// <exception cref="ArgumentException"><paramref name="stored"/> is not one 16-bit frame of <paramref name="format"/>.</exception>
    public static RescaleRepairResult Apply(PixelFormat format, RescaleParameters rescale, Span<byte> stored)
    {
        if (!Applies(format, rescale)) return new RescaleRepairResult(RescaleRepairOutcome.NotApplicable, rescale, null);
        if (stored.Length != format.PixelCount * 2)
        {
            throw new ArgumentException($"{stored.Length} bytes are not one frame of {format.Rows}×{format.Columns} 16-bit values.", nameof(stored));
        }

        var values = MemoryMarshal.Cast<byte, ushort>(stored);
        int? padding = rescale.PaddingValue;
        long measured = 0, air = 0;
        foreach (var value in values)
        {
            if (value == padding) continue;
            measured++;
            if (Shift(value) + RepairedIntercept <= AirCeilingHu) air++;
        }

        if (measured == 0 || air < MinimumAirFraction * measured)
        {
            var warning = string.Create(CultureInfo.InvariantCulture,
                $"12-bit rescale looks inconsistent (unsigned values, intercept {rescale.Intercept:0.##}), but the known repair would not put air near −1000 HU; left as is");
            return new RescaleRepairResult(RescaleRepairOutcome.LeftImplausible, rescale, warning);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != padding) values[i] = (ushort)Shift(values[i]);
        }

        var repaired = rescale with
        {
            Intercept = RepairedIntercept,
            PaddingValue = padding is { } p and >= 0 and < Modulus ? Shift(p) : padding,
        };
        return new RescaleRepairResult(RescaleRepairOutcome.Repaired, repaired, RepairedWarning);
    }

    private static int Shift(int value)
    {
        var shifted = value + Offset;
        return shifted >= Modulus ? shifted - Modulus : shifted;
    }
}

/// <summary>What <see cref="RescaleRepair.Apply"/> did to one frame.</summary>
public enum RescaleRepairOutcome
{
    /// <summary>The frame does not show the quirk's signature: untouched.</summary>
    NotApplicable,

    /// <summary>The frame showed the signature and was corrected.</summary>
    Repaired,

    /// <summary>The frame showed the signature, but the correction would not give plausible air: untouched, warned.</summary>
    LeftImplausible,
}

/// <summary>The outcome of <see cref="RescaleRepair.Apply"/> for one frame.</summary>
/// <param name="Outcome">What was done.</param>
/// <param name="Rescale">The rescale to convert the (possibly corrected) stored values with.</param>
/// <param name="Warning">A sentence to record on the slice, or null when not applicable.</param>
public sealed record RescaleRepairResult(RescaleRepairOutcome Outcome, RescaleParameters Rescale, string? Warning);
