using System.Text.Json.Serialization;
using Ich.Dicom.Series.Headers;

namespace Ich.Dicom.Series.Selection;

/// <summary>The instances of one series (same Study and Series Instance UID) as found in the upload, unordered.</summary>
public sealed record DicomSeries
{
    /// <summary>Creates a series from its instances.</summary>
    /// <exception cref="ArgumentException"><paramref name="slices"/> is empty.</exception>
    [JsonConstructor]
    public DicomSeries(IReadOnlyList<SliceHeader> slices)
    {
        ArgumentNullException.ThrowIfNull(slices);
        if (slices.Count == 0) throw new ArgumentException("A series has at least one instance.", nameof(slices));
        Slices = slices;
    }

    /// <summary>The instances, in the order the upload listed them (never a clinical order).</summary>
    public IReadOnlyList<SliceHeader> Slices { get; }

    /// <summary>A representative instance for series-level attributes: the first one listed.</summary>
    [JsonIgnore]
    public SliceHeader First => Slices[0];

    /// <summary>Study Instance UID.</summary>
    [JsonIgnore]
    public string StudyInstanceUid => First.StudyInstanceUid;

    /// <summary>Series Instance UID.</summary>
    [JsonIgnore]
    public string SeriesInstanceUid => First.SeriesInstanceUid;

    /// <summary>Series Number, if given.</summary>
    [JsonIgnore]
    public int? SeriesNumber => First.SeriesNumber;

    /// <summary>Series Description, if given.</summary>
    [JsonIgnore]
    public string? Description => First.SeriesDescription;

    /// <summary>Modality.</summary>
    [JsonIgnore]
    public string Modality => First.Modality;

    /// <summary>Convolution kernel.</summary>
    [JsonIgnore]
    public string ConvolutionKernel => First.ConvolutionKernel;

    /// <summary>
    /// Slice thickness, mm: the median Slice Thickness over the instances that state it; when none does (public
    /// collections such as RSNA 2019 strip it), the median spacing of Image Position (Patient) along the slice normal
    /// (<see cref="IsSliceThicknessDerived"/> is then true); null when neither is known.
    /// </summary>
    [JsonIgnore]
    public double? SliceThickness => StatedSliceThickness ?? PositionSpacing();

    /// <summary>Whether <see cref="SliceThickness"/> was derived from the slice positions because no instance states it.</summary>
    [JsonIgnore]
    public bool IsSliceThicknessDerived => StatedSliceThickness is null && SliceThickness is not null;

    private double? StatedSliceThickness
    {
        get
        {
            var values = Slices.Where(s => s.SliceThickness is > 0).Select(s => s.SliceThickness!.Value).Order().ToArray();
            return values.Length == 0 ? null : values[values.Length / 2];
        }
    }

    /// <summary>Median distance between distinct positions along the first valid normal; null without two positions.</summary>
    private double? PositionSpacing()
    {
        if (Slices.Select(s => s.Normal).FirstOrDefault(n => n is not null) is not { } normal) return null;
        var positions = Slices.Where(s => s.ImagePosition is not null).Select(s => s.ImagePosition!.Value.Dot(normal)).Order().ToArray();
        var steps = positions.Zip(positions.Skip(1), (a, b) => b - a)
            .Where(step => step >= Assembly.SeriesAssembler.DuplicatePositionToleranceMm)
            .Order()
            .ToArray();
        return steps.Length == 0 ? null : steps[steps.Length / 2];
    }

    /// <summary>Number of instances.</summary>
    [JsonIgnore]
    public int InstanceCount => Slices.Count;

    /// <summary>A short label for reports: "series 3 'Head 5mm' (1.2.3…)".</summary>
    [JsonIgnore]
    public string Label =>
        $"series {(SeriesNumber is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}" +
        $"{(string.IsNullOrEmpty(Description) ? "" : $" '{Description}'")} ({SeriesInstanceUid})";
}
