namespace Ich.Dicom.Series.Assembly;

/// <summary>One problem found in a series.</summary>
/// <param name="Kind">The category.</param>
/// <param name="Severity">Whether it makes the series unusable.</param>
/// <param name="Message">A sentence a person understands (file names, positions; never patient data).</param>
public sealed record SeriesProblem(SeriesProblemKind Kind, SeriesProblemSeverity Severity, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Message}";
}
