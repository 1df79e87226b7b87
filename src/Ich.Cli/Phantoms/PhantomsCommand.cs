using System.CommandLine;

namespace Ich.Cli.Phantoms;

/// <summary><c>ich phantoms</c> (being written).</summary>
internal static class PhantomsCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create() => new("phantoms", "(being written)");
}
