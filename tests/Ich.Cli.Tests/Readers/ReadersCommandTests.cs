using System.Text.Json;
using Ich.Phantoms.Output;
using Ich.Testing;

namespace Ich.Cli.Tests.Readers;

/// <summary><c>ich readers</c> and <c>ich evaluate --readers</c>: the paper's Table 2 from CSV reads.</summary>
public sealed class ReadersCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ich-readers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    // Four subjects; R1 and R2 agree everywhere, R3 calls s4 positive. Majority: s1, s2 positive; s3, s4 negative.
    private string ThreeReaders() => Write("reads.csv",
    [
        "reader,subject,label,value",
        .. new[] { "R1", "R2", "R3" }.SelectMany(r => new[]
        {
            $"{r},s1,any,1", $"{r},s2,any,1", $"{r},s3,any,0", $"{r},s4,any,{(r == "R3" ? 1 : 0)}",
        }),
    ]);

    [Fact]
    public async Task Readers_are_scored_against_their_majority_with_their_agreement()
    {
        var result = await CommandLineRunner.RunAsync("readers", "--reads", ThreeReaders(), "--json", "--out", Path.Combine(_folder, "out"));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var any = JsonDocument.Parse(result.Output).RootElement.GetProperty("labels").GetProperty("any");
        var r3 = any.GetProperty("readers").GetProperty("R3");
        Assert.Equal(1.0, r3.GetProperty("sensitivity").GetDouble());
        Assert.Equal(0.5, r3.GetProperty("specificity").GetDouble());
        Assert.Equal(1.0, any.GetProperty("readers").GetProperty("R1").GetProperty("accuracy").GetDouble());
        // Accuracy 1, 1, 0.75: mean 11/12.
        Assert.Equal(11.0 / 12, any.GetProperty("mean").GetProperty("accuracy").GetProperty("mean").GetDouble(), 9);
        var agreement = any.GetProperty("agreement");
        Assert.Equal(4, agreement.GetProperty("subjects").GetInt32());
        Assert.Equal(75.0, agreement.GetProperty("percent_agreement").GetDouble(), 9);
        // Pairwise κ: R1–R2 = 1; R1–R3 = R2–R3 = (0.75 − 0.5) / (1 − 0.5) = 0.5.
        var kappas = agreement.GetProperty("pairwise").EnumerateArray().Select(p => p.GetProperty("kappa").GetDouble()).Order().ToArray();
        Assert.Equal([0.5, 0.5, 1.0], kappas);
        // Fleiss: P̄ = (1 + 1 + 1 + 1/3) / 4 = 5/6; p1 = 7/12, Pe = (7/12)² + (5/12)² = 74/144; κ = (5/6 − 74/144) / (1 − 74/144) = 46/70.
        Assert.Equal(46.0 / 70, agreement.GetProperty("fleiss_kappa").GetDouble(), 9);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "readers.md")));
    }

    [Fact]
    public async Task An_independent_reference_file_is_used_when_given()
    {
        var reference = Write("truth.csv", "reader,subject,label,value", "truth,s1,any,1", "truth,s2,any,0", "truth,s3,any,0", "truth,s4,any,1");

        var result = await CommandLineRunner.RunAsync("readers", "--reads", ThreeReaders(), "--reference", reference, "--json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var root = JsonDocument.Parse(result.Output).RootElement;
        Assert.Contains("truth", root.GetProperty("reference").GetString(), StringComparison.Ordinal);
        var r3 = root.GetProperty("labels").GetProperty("any").GetProperty("readers").GetProperty("R3");
        Assert.Equal(1.0, r3.GetProperty("sensitivity").GetDouble());
        Assert.Equal(0.5, r3.GetProperty("specificity").GetDouble());
        Assert.Equal(0.5, root.GetProperty("labels").GetProperty("any").GetProperty("readers").GetProperty("R1").GetProperty("accuracy").GetDouble());
    }

    [Theory]
    [InlineData("reader,subject,label,value\ntruth,s1,any,1\nother,s2,any,0", "one reader")]
    [InlineData("reader,subject,label,value\ntruth,s1,any,1", "no reference value")]
    public async Task A_reference_that_does_not_fit_is_refused_with_its_reason(string reference, string reason)
    {
        var result = await CommandLineRunner.RunAsync("readers", "--reads", ThreeReaders(), "--reference", Write("ref.csv", reference));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_of_evaluated_studies_are_scored_against_the_same_labels_as_the_model()
    {
        var uploads = Path.Combine(_folder, "up");
        CohortWriter.Write(new CohortRequest { OutputFolder = uploads, Studies = 4, Seed = 31, Options = new Ich.Phantoms.PhantomOptions { Matrix = 128, SliceThicknessMm = 5f } });
        var studies = File.ReadAllLines(Path.Combine(uploads, CohortWriter.StudiesFileName));
        var header = studies[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var labels = new[] { "any", "epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural" };
        var rows = studies.Skip(1).Select(l => l.Split(',')).ToList();
        // "exact" reads what the generator drew; "everything" calls every study positive for any.
        var reads = Write("study-reads.csv",
        [
            "reader,subject,label,value",
            .. rows.SelectMany(r => labels.Select(l => $"exact,{r[Column("study_instance_uid")]},{l},{(r[Column(l)] is "0" or "" ? 0 : 1)}")),
            .. rows.Select(r => $"everything,{r[Column("study_instance_uid")]},any,1"),
        ]);

        var result = await CommandLineRunner.RunAsync("evaluate", "--data", uploads, "--labels", Path.Combine(uploads, CohortWriter.LabelsFileName),
            "--readers", reads, "--json", "--model", RepositoryPaths.Combine("models", "ich-sli-lab"));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var root = JsonDocument.Parse(result.Output).RootElement;
        var modelAny = root.GetProperty("subject").GetProperty("any");
        var readersAny = root.GetProperty("readers").GetProperty("labels").GetProperty("any").GetProperty("readers");
        foreach (var label in labels)
            Assert.Equal(1.0, root.GetProperty("readers").GetProperty("labels").GetProperty(label).GetProperty("readers").GetProperty("exact").GetProperty("accuracy").GetDouble());
        var positives = modelAny.GetProperty("n_pos").GetInt32();
        Assert.Equal(positives, readersAny.GetProperty("everything").GetProperty("n_pos").GetInt32());
        Assert.Equal(positives / 4.0, readersAny.GetProperty("everything").GetProperty("accuracy").GetDouble(), 9);
    }
}
