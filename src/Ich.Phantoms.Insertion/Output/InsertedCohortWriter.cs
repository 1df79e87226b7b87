using System.Globalization;
using System.Text;
using Ich.Phantoms.Insertion.Analysis;
using Ich.Phantoms.Insertion.Insertion;
using Ich.Phantoms.Output;

namespace Ich.Phantoms.Insertion.Output;

/// <summary>Summary of a written cohort of inserted studies.</summary>
/// <param name="Studies">Studies written (twins not counted).</param>
/// <param name="Positive">Studies with hemorrhage (each also written as a lesion-free twin).</param>
/// <param name="Slices">Slices written, twins included.</param>
public sealed record InsertedCohortSummary(int Studies, int Positive, int Slices);

/// <summary>
/// Writes inserted studies: <c>study-00000/series-2-brain/IM-*.dcm</c> (and <c>study-00000-twin/…</c> for every study
/// with a bleed), <c>masks/study-00000.nii.gz</c> (uint8, bit i = <see cref="HemorrhageSubtype"/> i), <c>labels.csv</c>
/// in the RSNA format (the phantom cohort's writer) for every written series, and <c>studies.csv</c>. Study i uses
/// background i mod B. Same inputs, same bytes.
/// </summary>
public static class InsertedCohortWriter
{
    /// <summary>The <c>studies.csv</c> header.</summary>
    public static readonly string StudiesHeader = string.Join(',',
        "study_folder", "study_index", "twin_of", "study_instance_uid", "background", "slices", "slice_thickness_mm", "pixel_spacing_mm",
        "width", "height", "any", "epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural", "positive_slices",
        "midline_shift_mm", "mass_effect_margin_mm", "acquisition", "lesions");

    /// <summary>Writes <paramref name="studies"/> studies drawn from <paramref name="backgrounds"/>.</summary>
    public static InsertedCohortSummary Write(IReadOnlyList<HeadBackground> backgrounds, string outputFolder, int studies, long seed,
        InsertionOptions? options = null, int parallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(backgrounds);
        if (backgrounds.Count == 0) throw new ArgumentException("At least one accepted background is needed.", nameof(backgrounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(studies, 1);
        Directory.CreateDirectory(outputFolder);
        Directory.CreateDirectory(Path.Combine(outputFolder, "masks"));
        var inserters = backgrounds.Select(b => new BleedInserter(b, seed, options)).ToArray();
        var labelBlocks = new string[studies];
        var rows = new string[studies];
        var positive = 0;
        var slices = 0;
        Parallel.For(0, studies, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount }, i =>
        {
            var study = inserters[i % inserters.Length].Generate(i);
            var folder = CohortWriter.FolderName(i);
            var (uid, uids) = InsertedDicomWriter.Write(study, seed, false, Path.Combine(outputFolder, folder, "series-2-brain"));
            var labels = new StringBuilder(CohortWriter.LabelRows(uids, study.Labels));
            var row = new StringBuilder(Row(folder, study, "", uid, study.Labels, study.Lesions));
            var written = study.Slices.Count;
            NiftiMaskWriter.Write(Path.Combine(outputFolder, "masks", folder + ".nii.gz"), study.LesionMasks, study.Width, study.Height,
                study.PixelSpacingMm, study.SliceThicknessMm, "ich inserted bleeds: bit i = subtype i (RSNA order)");
            if (study.HasHemorrhage)
            {
                Interlocked.Increment(ref positive);
                var twinFolder = folder + "-twin";
                var (twinUid, twinUids) = InsertedDicomWriter.Write(study, seed, true, Path.Combine(outputFolder, twinFolder, "series-2-brain"));
                var none = new SliceLabels(new byte[study.Slices.Count]);
                labels.Append(CohortWriter.LabelRows(twinUids, none));
                row.Append('\n').Append(Row(twinFolder, study, folder, twinUid, none, []));
                written += study.Slices.Count;
            }
            labelBlocks[i] = labels.ToString();
            rows[i] = row.ToString();
            Interlocked.Add(ref slices, written);
        });

        var utf8 = new UTF8Encoding(false);
        using (var w = new StreamWriter(Path.Combine(outputFolder, CohortWriter.LabelsFileName), false, utf8) { NewLine = "\n" })
        {
            w.WriteLine("ID,Label");
            foreach (var block in labelBlocks) w.Write(block);
        }
        using (var w = new StreamWriter(Path.Combine(outputFolder, CohortWriter.StudiesFileName), false, utf8) { NewLine = "\n" })
        {
            w.WriteLine(StudiesHeader);
            foreach (var row in rows) w.WriteLine(row);
        }
        return new InsertedCohortSummary(studies, positive, slices);
    }

    private static string Row(string folder, InsertedStudy s, string twinOf, string uid, SliceLabels l, IReadOnlyList<InsertedLesion> lesions)
    {
        string Flag(bool b) => b ? "1" : "0";
        string F(float v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        // Commas would break the CSV: the background identity and acquisition are free text.
        string Clean(string text) => text.Replace(',', ';');
        return string.Join(',',
            folder, s.Index.ToString(CultureInfo.InvariantCulture), twinOf, uid, Clean(s.BackgroundIdentity),
            s.Slices.Count.ToString(CultureInfo.InvariantCulture), F(s.SliceThicknessMm), F(s.PixelSpacingMm),
            s.Width.ToString(CultureInfo.InvariantCulture), s.Height.ToString(CultureInfo.InvariantCulture), Flag(l.SubjectAny),
            Flag(l.Subject(HemorrhageSubtype.Epidural)), Flag(l.Subject(HemorrhageSubtype.Intraparenchymal)),
            Flag(l.Subject(HemorrhageSubtype.Intraventricular)), Flag(l.Subject(HemorrhageSubtype.Subarachnoid)),
            Flag(l.Subject(HemorrhageSubtype.Subdural)), Enumerable.Range(0, l.SliceCount).Count(l.Any).ToString(CultureInfo.InvariantCulture),
            F(lesions.Count == 0 ? 0 : s.MidlineShiftMm), F(lesions.Count == 0 ? 0 : s.MassEffectMarginMm), Clean(s.Acquisition),
            string.Join(' ', lesions.Select(x => x.ToString())));
    }
}
