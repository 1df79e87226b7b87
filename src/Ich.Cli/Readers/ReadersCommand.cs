using System.CommandLine;
using Ich.Evaluation.Readers;

namespace Ich.Cli.Readers;

/// <summary>
/// <c>ich readers</c>: human reads scored as the paper's Table 2 does — each reader against a reference with the
/// model's metrics, mean ± sd across readers, and inter-rater agreement (percentage, pairwise Cohen's κ, Fleiss' κ).
/// Exit codes: 0 scored, 2 unreadable or inconsistent input.
/// </summary>
internal static class ReadersCommand
{
    public static Command Create()
    {
        var reads = new Option<FileInfo>("--reads") { Description = "Reads as CSV: reader,subject,label,value (value 0 or 1; labels any, epidural, intraparenchymal, intraventricular, subarachnoid, subdural).", Required = true };
        var reference = new Option<FileInfo?>("--reference") { Description = "The reference standard in the same CSV layout with one reader name (e.g. 'reference'); default: the readers' majority vote." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the tables." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Also write readers.json and readers.md here." };
        var command = new Command("readers", "Score human readers against a reference and measure their agreement (Ye et al. 2019, Table 2).") { reads, reference, json, output };
        command.SetAction(parse => Run(parse.GetRequiredValue(reads), parse.GetValue(reference), parse.GetValue(json), parse.GetValue(output),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(FileInfo readsFile, FileInfo? referenceFile, bool json, DirectoryInfo? output, TextWriter stdout, TextWriter error)
    {
        ReaderReport report;
        try
        {
            var reads = ReaderReads.Load(readsFile.FullName);
            report = referenceFile is null ? ReaderReport.AgainstMajority(reads) : AgainstFile(reads, referenceFile.FullName);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }

        if (output is not null)
        {
            Directory.CreateDirectory(output.FullName);
            File.WriteAllText(Path.Combine(output.FullName, "readers.json"), report.ToJson());
            File.WriteAllText(Path.Combine(output.FullName, "readers.md"), report.ToMarkdown());
        }

        stdout.WriteLine(json ? report.ToJson() : report.ToMarkdown());
        return 0;
    }

    private static ReaderReport AgainstFile(ReaderReads reads, string path)
    {
        var standard = ReaderReads.Load(path);
        if (standard.Readers.Count != 1)
            throw new InvalidDataException($"{Path.GetFileName(path)}: a reference names one reader, not {standard.Readers.Count} ({string.Join(", ", standard.Readers)}).");
        var name = standard.Readers[0];
        var reference = standard.Labels.ToDictionary(l => l, l => (IReadOnlyDictionary<string, bool>)standard.ReadsOf(name, l).ToDictionary(r => r.Subject, r => r.Value));
        return ReaderReport.Against(reads, reference, $"reference '{name}' ({Path.GetFileName(path)})");
    }
}
