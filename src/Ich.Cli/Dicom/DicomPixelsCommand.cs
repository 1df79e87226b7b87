using System.CommandLine;

namespace Ich.Cli.Dicom;

/// <summary>`ich dicom pixels` (being written).</summary>
internal static class DicomPixelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new("pixels", "(being written)");
}
