using System.Text.Json.Serialization;

namespace Ich.Dicom.Series.Assembly;

/// <summary>Whether a problem stops the series from being analysed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SeriesProblemSeverity>))]
public enum SeriesProblemSeverity
{
    /// <summary>Reported alongside the result; the volume is still built.</summary>
    Warning,

    /// <summary>The series is unusable: no volume, and the pipeline must not report "no hemorrhage" for it.</summary>
    Fatal,
}
