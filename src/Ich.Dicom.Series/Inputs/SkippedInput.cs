namespace Ich.Dicom.Series.Inputs;

/// <summary>A file, archive entry or instance that was left out, and why.</summary>
/// <param name="SourceName">The path or <c>archive.zip!entry</c> name (never patient data).</param>
/// <param name="Reason">The category.</param>
/// <param name="Detail">A sentence a person understands.</param>
public sealed record SkippedInput(string SourceName, SkipReason Reason, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{SourceName}: {Detail}";
}
