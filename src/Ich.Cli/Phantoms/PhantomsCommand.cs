using System.CommandLine;

namespace Ich.Cli.Phantoms;

/// <summary><c>ich phantoms</c>: synthetic head CT with known hemorrhage labels (phantoms are not patients).</summary>
internal static class PhantomsCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create() => new("phantoms", "Synthetic non-contrast head CT with slice-level hemorrhage labels. Phantoms are not patients.")
    {
        PhantomsGenerateCommand.Create(),
        PhantomsPreviewCommand.Create(),
        PhantomsInsertCommand.Create(),
    };
}
