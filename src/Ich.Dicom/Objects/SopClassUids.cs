namespace Ich.Dicom.Objects;

/// <summary>The SOP classes the product writes (PS3.4 B.5).</summary>
public static class SopClassUids
{
    /// <summary>CT Image Storage.</summary>
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>Secondary Capture Image Storage.</summary>
    public const string SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";

    /// <summary>Basic Text SR Storage.</summary>
    public const string BasicTextSRStorage = "1.2.840.10008.5.1.4.1.1.88.11";

    /// <summary>Enhanced SR Storage: Basic Text SR plus numeric (NUM) content items.</summary>
    public const string EnhancedSRStorage = "1.2.840.10008.5.1.4.1.1.88.22";
}
