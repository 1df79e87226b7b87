using System.CommandLine;

namespace Ich.Cli.Dicom;

/// <summary><c>ich dicom</c>: inspect DICOM files and series the way the pipeline reads them.</summary>
internal static class DicomCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create() => new("dicom", "Inspect DICOM files and series as the pipeline reads them.")
    {
        DicomInfoCommand.Create(),
        DicomSeriesCommand.Create(),
        DicomPixelsCommand.Create(),
    };
}
