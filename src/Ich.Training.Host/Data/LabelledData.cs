using Ich.Datasets.Labelled;
using Ich.Datasets.Splits;

namespace Ich.Training.Host.Data;

/// <summary>
/// A labelled DICOM data set opened for training (<c>ich train --data --labels-csv</c>): its train, validation and
/// held-out test parts, split 80/10/10 by patient. Studies that cannot be used are listed in the log with their
/// reason, never dropped silently.
/// </summary>
public sealed class LabelledData : IDisposable
{
    private readonly LabelledDicomSet _set;

    private LabelledData(LabelledDicomSet set, SubjectSplit split, string name)
    {
        _set = set;
        Train = new DicomDatasetSource(set, split, SplitPart.Train, name);
        Validation = new DicomDatasetSource(set, split, SplitPart.Validation, name);
        Test = new DicomDatasetSource(set, split, SplitPart.Test, name);
    }

    /// <summary>Trained on.</summary>
    public DicomDatasetSource Train { get; }

    /// <summary>Picks the checkpoint.</summary>
    public DicomDatasetSource Validation { get; }

    /// <summary>Measured once on the published model.</summary>
    public DicomDatasetSource Test { get; }

    /// <summary>Scans the data, matches the labels and splits by patient with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">No usable study, or too few subjects for three parts.</exception>
    public static LabelledData Open(string data, string labelFile, long seed, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var set = LabelledDicomSet.Open(data, labelFile);
        try
        {
            foreach (var problem in set.Problems) log.WriteLine($"not used: {problem}");
            log.WriteLine($"data {data}: {set.Studies.Count} labelled studies ({set.Studies.Sum(s => s.SliceCount)} slices), {set.Problems.Count} not used, {set.Skipped.Count} non-image file(s) skipped"
                + (set.Labels.DuplicateRowCount > 0 ? $", {set.Labels.DuplicateRowCount} duplicate label row(s) ignored" : ""));
            if (set.Studies.Count == 0) throw new ArgumentException($"{data} holds no study whose slices all have labels in {labelFile} (see above).");
            var opened = new LabelledData(set, new SubjectSplit(seed), Path.GetFileName(Path.TrimEndingDirectorySeparator(data)));
            log.WriteLine($"split by subject: {opened.Train.Count} / {opened.Validation.Count} / {opened.Test.Count} studies for training / validation / test");
            return opened;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _set.Dispose();
}
