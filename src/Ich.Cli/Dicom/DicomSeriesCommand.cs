using System.CommandLine;

namespace Ich.Cli.Dicom;

/// <summary>`ich dicom series` (being written).</summary>
internal static class DicomSeriesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new("series", "(being written)");
}
