using System.CommandLine;
using Ich.Cli.Analyze;
using Ich.Cli.Demo;
using Ich.Cli.Dicom;
using Ich.Cli.Phantoms;

namespace Ich.Cli;

/// <summary>The <c>ich</c> command tree: one sub-command per area, each defined beside its area's code.</summary>
public static class IchCommandLine
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("IchFunctions: intracranial hemorrhage detection on head CT (decision support, not a diagnosis).");
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DicomCommand.Create());
        root.Subcommands.Add(PhantomsCommand.Create());
        root.Subcommands.Add(Evaluate.EvaluateCommand.Create());
        root.Subcommands.Add(Readers.ReadersCommand.Create());
        root.Subcommands.Add(Train.TrainCommand.Create());
        root.Subcommands.Add(Local.LocalCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
}
