using System.Globalization;
using System.Text.RegularExpressions;

namespace Ich.Dicom.Series.Selection;

/// <summary>
/// Classifies Convolution Kernel (0018,1210) names. Keywords (any vendor, case-insensitive): BONE, LUNG, SHARP, EDGE,
/// DETAIL → <see cref="KernelClass.Sharp"/>; STANDARD, STND, SOFT, BRAIN → <see cref="KernelClass.SoftTissue"/>.
/// Siemens-style names (a capital, an optional lower-case letter, two digits: H31s, J30f, Hr38, Br40) by their
/// sharpness number: 60 and above → sharp, 45 and below → soft tissue, in between → unknown.
/// Anything else is <see cref="KernelClass.Unknown"/>.
/// </summary>
public static partial class ConvolutionKernels
{
    /// <summary>Keywords that mark a sharp (bone/lung) kernel; checked before the soft-tissue keywords.</summary>
    public static IReadOnlyList<string> SharpKeywords { get; } = ["BONE", "LUNG", "SHARP", "EDGE", "DETAIL"];

    /// <summary>Keywords that mark a soft-tissue or brain kernel.</summary>
    public static IReadOnlyList<string> SoftTissueKeywords { get; } = ["STANDARD", "STND", "SOFT", "BRAIN"];

    /// <summary>Siemens sharpness numbers at or above this are sharp kernels (H60, H70, J70, Br64…).</summary>
    public const int SharpFromNumber = 60;

    /// <summary>Siemens sharpness numbers at or below this are soft-tissue kernels (H30, H31, J30, Hr38…).</summary>
    public const int SoftTissueUpToNumber = 45;

    /// <summary>Classifies a kernel name (multi-valued kernels are judged by their first value).</summary>
    public static KernelClass Classify(string? kernel)
    {
        if (string.IsNullOrWhiteSpace(kernel)) return KernelClass.Unknown;
        var first = kernel.Split('\\')[0].Trim();
        var upper = kernel.ToUpperInvariant();
        if (SharpKeywords.Any(upper.Contains)) return KernelClass.Sharp;
        if (SoftTissueKeywords.Any(upper.Contains)) return KernelClass.SoftTissue;
        var match = SiemensKernel().Match(first);
        if (!match.Success) return KernelClass.Unknown;
        var number = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return number >= SharpFromNumber ? KernelClass.Sharp
            : number <= SoftTissueUpToNumber ? KernelClass.SoftTissue
            : KernelClass.Unknown;
    }

    [GeneratedRegex("^[A-Z][a-z]?(?<n>[0-9]{2})[a-z]?$")]
    private static partial Regex SiemensKernel();
}
