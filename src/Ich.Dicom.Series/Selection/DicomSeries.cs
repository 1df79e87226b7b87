using Ich.Dicom.Series.Headers;

namespace Ich.Dicom.Series.Selection;

/// <summary>The instances of one series (same Study and Series Instance UID) as found in the upload, unordered.</summary>
public sealed record DicomSeries
{
    /// <summary>Creates a series from its instances.</summary>
    /// <exception cref="ArgumentException"><paramref name="slices"/> is empty.</exception>
    public DicomSeries(IReadOnlyList<SliceHeader> slices)
    {
        ArgumentNullException.ThrowIfNull(slices);
        if (slices.Count == 0) throw new ArgumentException("A series has at least one instance.", nameof(slices));
        Slices = slices;
    }

    /// <summary>The instances, in the order the upload listed them (never a clinical order).</summary>
    public IReadOnlyList<SliceHeader> Slices { get; }

    /// <summary>A representative instance for series-level attributes: the first one listed.</summary>
    public SliceHeader First => Slices[0];

    /// <summary>Study Instance UID.</summary>
    public string StudyInstanceUid => First.StudyInstanceUid;

    /// <summary>Series Instance UID.</summary>
    public string SeriesInstanceUid => First.SeriesInstanceUid;

    /// <summary>Series Number, if given.</summary>
    public int? SeriesNumber => First.SeriesNumber;

    /// <summary>Series Description, if given.</summary>
    public string? Description => First.SeriesDescription;

    /// <summary>Modality.</summary>
    public string Modality => First.Modality;

    /// <summary>Convolution kernel.</summary>
    public string ConvolutionKernel => First.ConvolutionKernel;

    /// <summary>Slice thickness (median over instances that state it), mm.</summary>
    public double? SliceThickness
    {
        get
        {
            var values = Slices.Where(s => s.SliceThickness is not null).Select(s => s.SliceThickness!.Value).Order().ToArray();
            return values.Length == 0 ? null : values[values.Length / 2];
        }
    }

    /// <summary>Number of instances.</summary>
    public int InstanceCount => Slices.Count;

    /// <summary>A short label for reports: "series 3 'Head 5mm' (1.2.3…)".</summary>
    public string Label =>
        $"series {(SeriesNumber is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}" +
        $"{(string.IsNullOrEmpty(Description) ? "" : $" '{Description}'")} ({SeriesInstanceUid})";
}
