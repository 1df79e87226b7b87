namespace Ich.Dicom.Objects;

/// <summary>A display window (VOI LUT module): centre and width in output units (HU for CT), with an optional explanation.</summary>
/// <param name="Center">Window Center (0028,1050).</param>
/// <param name="Width">Window Width (0028,1051), at least 1.</param>
/// <param name="Explanation">Window Center &amp; Width Explanation (0028,1055), e.g. "BRAIN"; null for none.</param>
public sealed record VoiWindow(double Center, double Width, string? Explanation = null)
{
    /// <summary>The brain window, W80/L40 HU.</summary>
    public static VoiWindow Brain { get; } = new(40, 80, "BRAIN");

    internal static void WriteTo(DicomDataset dataset, IReadOnlyList<VoiWindow> windows)
    {
        if (windows.Count == 0) return;
        foreach (var window in windows)
        {
            if (!double.IsFinite(window.Center)) throw new ArgumentException("Window Center must be finite.", nameof(windows));
            if (!double.IsFinite(window.Width) || window.Width < 1) throw new ArgumentException("Window Width must be at least 1 (PS3.3 C.11.2.1.2).", nameof(windows));
        }
        dataset.SetNumbers(DicomTags.WindowCenter, DicomVR.DS, windows.Select(w => w.Center).ToArray());
        dataset.SetNumbers(DicomTags.WindowWidth, DicomVR.DS, windows.Select(w => w.Width).ToArray());
        if (windows.Any(w => w.Explanation is not null))
        {
            DicomValues.SetTexts(dataset, ObjectTags.WindowCenterWidthExplanation, DicomVR.LO,
                windows.Select(w => w.Explanation ?? string.Empty).ToArray(), "Window Center & Width Explanation");
        }
    }
}
