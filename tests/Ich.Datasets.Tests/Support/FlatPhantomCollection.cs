using System.Globalization;
using Ich.Phantoms;
using Ich.Phantoms.Output;

namespace Ich.Datasets.Tests.Support;

/// <summary>
/// A labelled collection in the RSNA 2019 layout made from phantoms (no real scan): every slice of every study as one
/// file in a single flat folder, named <c>ID_&lt;hex&gt;.dcm</c> in an order unrelated to the studies, with the
/// RSNA-format <c>labels.csv</c> beside the folder. With twins, each subject has two studies (the positive and its
/// lesion-free twin) under one Patient ID, so splits by patient can be checked.
/// </summary>
public sealed class FlatPhantomCollection : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ich-flat-" + Guid.NewGuid().ToString("N"));

    public FlatPhantomCollection(int subjects, long seed, bool twins = false)
    {
        var staging = Path.Combine(_root, "staging");
        CohortWriter.Write(new CohortRequest
        {
            OutputFolder = staging,
            Studies = subjects,
            Seed = seed,
            Twins = twins,
            Options = new PhantomOptions { Matrix = 64, SliceThicknessMm = 5f },
            Parallelism = 2,
        });
        Folder = Path.Combine(_root, "stage_train_images");
        Directory.CreateDirectory(Folder);
        var files = Directory.EnumerateFiles(staging, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        for (var n = 0; n < files.Count; n++)
        {
            // A multiplicative hash scatters the studies' slices through the folder, as the collection's file names do.
            var name = "ID_" + unchecked((uint)(n + 1) * 2654435761u).ToString("x8", CultureInfo.InvariantCulture) + ".dcm";
            File.Copy(files[n], Path.Combine(Folder, name));
        }

        Labels = Path.Combine(_root, "stage_train.csv");
        File.Copy(Path.Combine(staging, CohortWriter.LabelsFileName), Labels);
        Studies = Path.Combine(staging, CohortWriter.StudiesFileName);
        Files = files.Count;
    }

    /// <summary>The flat folder of single-slice files.</summary>
    public string Folder { get; }

    /// <summary>The RSNA-format label file.</summary>
    public string Labels { get; }

    /// <summary>The generator's per-study table (for expectations only).</summary>
    public string Studies { get; }

    /// <summary>Number of slice files.</summary>
    public int Files { get; }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
