using System.Security.Cryptography;
using System.Text;
using Ich.Dicom;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Volumes;
using Ich.Phantoms.Labels;
using Ich.Preprocessing;

namespace Ich.Datasets.Labelled;

/// <summary>
/// A labelled DICOM data set: a folder or zip of DICOM files (any layout, including the RSNA 2019 one: one flat
/// folder of single-slice files from many studies, series rebuilt from Series Instance UID and position) and slice
/// labels in the RSNA format (<c>ID,Label</c>). Opening scans headers only; <see cref="Load"/> decodes one study.
/// Nothing is dropped silently: every study that cannot be used is in <see cref="Problems"/> with its reason.
/// </summary>
/// <remarks>Studies are keyed by Study Instance UID; in each, the series the project's selection rules pick is used
/// (as serving would), so a model trains and is tested on what it will be shown.</remarks>
public sealed class LabelledDicomSet : IDisposable
{
    private readonly Upload _upload;
    private readonly Lock _read = new();

    private LabelledDicomSet(Upload upload, RsnaLabels labels, IReadOnlyList<LabelledStudyEntry> studies, IReadOnlyList<string> problems, IReadOnlyList<SkippedInput> skipped)
    {
        _upload = upload;
        Labels = labels;
        Studies = studies;
        Problems = problems;
        Skipped = skipped;
    }

    /// <summary>The slice labels.</summary>
    public RsnaLabels Labels { get; }

    /// <summary>Studies that can be read, in the scan's order.</summary>
    public IReadOnlyList<LabelledStudyEntry> Studies { get; }

    /// <summary>Studies that cannot be used, each with its reason (no analysable series, slices without a label row).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Inputs that are not DICOM images (the label file itself, notes), as the scan skipped them.</summary>
    public IReadOnlyList<SkippedInput> Skipped { get; }

    /// <summary>Scans <paramref name="data"/> and matches its slices to <paramref name="labelFile"/>.</summary>
    /// <exception cref="IngestException">The data cannot be opened.</exception>
    /// <exception cref="InvalidDataException">The label file breaks the RSNA format.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static LabelledDicomSet Open(string data, string labelFile, IngestOptions? options = null) =>
        Open(data, RsnaLabelFile.Read(labelFile), options);

    /// <summary>Scans <paramref name="data"/> and matches its slices to labels already read.</summary>
    /// <exception cref="IngestException">The data cannot be opened.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static LabelledDicomSet Open(string data, RsnaLabels labels, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var upload = Upload.Open(data, options);
        try
        {
            var scan = SeriesScanner.Scan(upload);
            var studies = new List<LabelledStudyEntry>();
            var problems = new List<string>();
            foreach (var study in scan.Studies)
            {
                if (study.Selected is not { } selected)
                {
                    problems.Add($"study {study.StudyInstanceUid}: no analysable series");
                    continue;
                }

                var missing = selected.Slices.Count(s => !labels.ContainsKey(s.Header.SopInstanceUid));
                if (missing > 0)
                {
                    problems.Add($"study {study.StudyInstanceUid}: {missing} of {selected.Slices.Count} slices have no label row");
                    continue;
                }

                // RSNA rows have "any" exactly when a subtype is positive; a slice that breaks this cannot be trained on
                // without guessing, so its study is refused rather than read one way or the other.
                var inconsistent = selected.Slices.Count(s => labels[s.Header.SopInstanceUid] is var set && set.Any != (set.Subtypes != 0));
                if (inconsistent > 0)
                {
                    problems.Add($"study {study.StudyInstanceUid}: {inconsistent} slice(s) labelled 'any' without a subtype, or a subtype without 'any'");
                    continue;
                }

                var patient = selected.Slices.Select(s => s.Header.PatientId).FirstOrDefault(p => p is not null);
                studies.Add(new LabelledStudyEntry(study.StudyInstanceUid, GroupKeyOf(patient, study.StudyInstanceUid), selected));
            }

            return new LabelledDicomSet(upload, labels, studies, problems, scan.Skipped);
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    /// <summary>Decodes study <paramref name="index"/> of <see cref="Studies"/> (thread-safe; one study at a time).</summary>
    /// <exception cref="VolumeBuildException">A slice cannot be decoded.</exception>
    /// <exception cref="DicomException">A file is damaged.</exception>
    public LabelledStudy Load(int index)
    {
        var entry = Studies[index];
        CtVolume volume;
        lock (_read) volume = CtVolumeBuilder.Build(entry.Series, _upload, maxDegreeOfParallelism: 2);
        var hu = new HuVolume(volume.Width, volume.Height, volume.Hounsfield, volume.PixelSpacing.Row, volume.PixelSpacing.Column, volume.SlicePositions);
        return new LabelledStudy(entry.StudyInstanceUid, entry.GroupKey, hu, volume.SopInstanceUids, [.. volume.SopInstanceUids.Select(uid => Labels[uid])]);
    }

    /// <inheritdoc/>
    public void Dispose() => _upload.Dispose();

    // The Patient ID is PHI: only a truncated hash of it leaves this class, so run records and logs never hold it.
    private static string GroupKeyOf(string? patientId, string studyInstanceUid) => patientId is null
        ? $"study:{studyInstanceUid}"
        : "patient:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(patientId)))[..16];
}
