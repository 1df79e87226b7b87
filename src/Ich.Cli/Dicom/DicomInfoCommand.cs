using System.CommandLine;

namespace Ich.Cli.Dicom;

/// <summary>`ich dicom info` (being written).</summary>
internal static class DicomInfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new("info", "(being written)");
}
