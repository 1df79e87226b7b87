namespace Ich.Dicom;

/// <summary>One entry of the data dictionary (PS3.6): a tag's VR(s), multiplicity, keyword and name.</summary>
/// <param name="Tag">The tag (for repeating groups such as 60xx, the tag that was looked up).</param>
/// <param name="VRs">The allowed VRs, most usual first (e.g. US then SS for Pixel Padding Value).</param>
/// <param name="Multiplicity">The value multiplicity, e.g. "1", "2", "1-n".</param>
/// <param name="Keyword">The keyword, e.g. "PixelPaddingValue"; empty for a few retired entries.</param>
/// <param name="Name">The name, e.g. "Pixel Padding Value".</param>
/// <param name="IsRetired">True if the standard has retired the attribute.</param>
public sealed record DicomDictionaryEntry(DicomTag Tag, IReadOnlyList<DicomVR> VRs, string Multiplicity, string Keyword, string Name, bool IsRetired)
{
    /// <summary>The usual VR (the first allowed one).</summary>
    public DicomVR VR => VRs[0];
}
