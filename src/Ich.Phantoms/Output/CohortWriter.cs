using System.Globalization;
using System.Text;
using Ich.Dicom;

namespace Ich.Phantoms.Output;

/// <summary>What <see cref="CohortWriter.Write"/> should produce.</summary>
public sealed record CohortRequest
{
    /// <summary>Output folder; created if needed.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Number of studies, ≥ 1.</summary>
    public required int Studies { get; init; }

    /// <summary>Cohort seed.</summary>
    public required long Seed { get; init; }

    /// <summary>Generator options (prevalence, matrix …).</summary>
    public PhantomOptions Options { get; init; } = new();

    /// <summary>Transfer syntax of the DICOM files.</summary>
    public TransferSyntax TransferSyntax { get; init; } = TransferSyntax.ExplicitVRLittleEndian;

    /// <summary>Also write a localizer and a bone-kernel series per study.</summary>
    public bool Distractors { get; init; }

    /// <summary>
    /// Write each subject twice: with hemorrhage (drawn even for subjects the prevalence made healthy) in
    /// <c>study-NNNNN</c>, and as its lesion-free twin (same anatomy, scanner and noise) in <c>study-NNNNN-twin</c>.
    /// </summary>
    public bool Twins { get; init; }

    /// <summary>Studies generated at once (each needs ~25 MB at 512²); defaults to the processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>Summary of a written cohort.</summary>
/// <param name="Studies">Studies written.</param>
/// <param name="Positive">Studies with hemorrhage.</param>
/// <param name="Slices">Slices of analysed series.</param>
/// <param name="Files">DICOM files written.</param>
public sealed record CohortSummary(int Studies, int Positive, int Slices, int Files);

/// <summary>
/// Writes a phantom cohort: one folder per study (<c>study-00000</c> …) with DICOM series, plus
/// <c>labels.csv</c> in the RSNA 2019 format (<c>ID,Label</c>; six rows <c>ID_&lt;SOPInstanceUID&gt;_&lt;subtype&gt;</c> per slice of
/// the analysed series) and <c>studies.csv</c> with subject labels, scanner settings (thickness, pixel spacing, gantry
/// tilt, kernel, calibration, contrast, noise) and lesion parameters. With <see cref="CohortRequest.Twins"/> each subject
/// is written as a positive study and its lesion-free twin, linked by the <c>twin_of</c> column.
/// </summary>
public static class CohortWriter
{
    /// <summary>Name of the slice label file.</summary>
    public const string LabelsFileName = "labels.csv";

    /// <summary>Name of the per-study file.</summary>
    public const string StudiesFileName = "studies.csv";

    /// <summary>The <c>studies.csv</c> header.</summary>
    public static readonly string StudiesHeader = string.Join(',',
        "study_folder", "study_index", "twin_of", "study_instance_uid", "series_instance_uid", "slices", "slice_thickness_mm",
        "pixel_spacing_mm", "matrix", "gantry_tilt_deg", "table_increment_mm", "kernel", "kernel_sharpness", "calibration_offset_hu",
        "grey_white_contrast", "noise_sd_5mm_hu", "any", "epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural",
        "positive_slices", "age", "sex", "atrophy", "skull_mm", "rotation_deg", "noise_sd_hu", "midline_shift_mm",
        "motion", "streaks", "calcifications", "lesions");

    /// <summary>Generates and writes the cohort; same request, same bytes.</summary>
    /// <param name="request">What to write.</param>
    /// <param name="progress">Called with the number of studies finished so far, a twin pair counting once (from worker threads).</param>
    /// <param name="cancellationToken">Stops between studies.</param>
    public static CohortSummary Write(CohortRequest request, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Studies, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Parallelism, 1);
        Directory.CreateDirectory(request.OutputFolder);
        var generator = new PhantomGenerator(request.Seed, request.Options);
        var labelBlocks = new string[request.Studies];
        var studyRows = new string[request.Studies];
        var positive = 0;
        var slices = 0;
        var files = 0;
        var done = 0;

        Parallel.For(0, request.Studies, new ParallelOptions { MaxDegreeOfParallelism = request.Parallelism, CancellationToken = cancellationToken }, i =>
        {
            var folderName = FolderName(i);
            var labels = new StringBuilder();
            var rows = new StringBuilder();
            void Add(PhantomStudy study, string folder, string twinOf)
            {
                var written = PhantomDicomWriter.Write(study, request.Seed, Path.Combine(request.OutputFolder, folder),
                    request.TransferSyntax, request.Distractors);
                labels.Append(LabelRows(study, written));
                if (rows.Length > 0) rows.Append('\n');
                rows.Append(StudyRow(folder, twinOf, study, written));
                if (study.Labels.SubjectAny) Interlocked.Increment(ref positive);
                Interlocked.Add(ref slices, study.Geometry.SliceCount);
                Interlocked.Add(ref files, written.Files);
            }

            if (request.Twins)
            {
                var twins = generator.GenerateTwins(i);
                Add(twins.Positive, folderName, "");
                using (PhantomUids.LesionFreeTwin()) Add(twins.LesionFree, TwinFolderName(i), folderName);
            }
            else
            {
                Add(generator.Generate(i), folderName, "");
            }
            labelBlocks[i] = labels.ToString();
            studyRows[i] = rows.ToString();
            progress?.Invoke(Interlocked.Increment(ref done));
        });

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using (var labels = new StreamWriter(Path.Combine(request.OutputFolder, LabelsFileName), false, utf8) { NewLine = "\n" })
        {
            labels.WriteLine("ID,Label");
            foreach (var block in labelBlocks) labels.Write(block);
        }
        using (var studies = new StreamWriter(Path.Combine(request.OutputFolder, StudiesFileName), false, utf8) { NewLine = "\n" })
        {
            studies.WriteLine(StudiesHeader);
            foreach (var row in studyRows) studies.WriteLine(row);
        }
        return new CohortSummary(request.Twins ? 2 * request.Studies : request.Studies, positive, slices, files);
    }

    /// <summary>The folder name of study <paramref name="index"/>.</summary>
    public static string FolderName(int index) => "study-" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The folder name of the lesion-free twin of study <paramref name="index"/>.</summary>
    public static string TwinFolderName(int index) => FolderName(index) + "-twin";

    private static string LabelRows(PhantomStudy study, WrittenStudy written) => LabelRows(written.SliceUids, study.Labels);

    /// <summary>
    /// The <c>labels.csv</c> rows of one series (six per slice, RSNA order, <c>\n</c>-terminated): the one writer every
    /// labelled cohort uses (phantoms and bleeds inserted into real heads).
    /// </summary>
    /// <param name="sliceUids">SOP Instance UID of each slice, in slice order.</param>
    /// <param name="labels">The slice labels, one per UID.</param>
    public static string LabelRows(IReadOnlyList<string> sliceUids, SliceLabels labels)
    {
        ArgumentNullException.ThrowIfNull(sliceUids);
        ArgumentNullException.ThrowIfNull(labels);
        if (sliceUids.Count != labels.SliceCount) throw new ArgumentException("One label set per slice UID is needed.", nameof(labels));
        var sb = new StringBuilder();
        for (var k = 0; k < sliceUids.Count; k++)
        {
            var uid = sliceUids[k];
            var targets = labels.Targets(k);
            for (var t = 0; t < targets.Length; t++)
            {
                sb.Append("ID_").Append(uid).Append('_').Append(HemorrhageSubtypes.RsnaLabelNames[t]).Append(',')
                  .Append(targets[t] > 0 ? '1' : '0').Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string StudyRow(string folder, string twinOf, PhantomStudy study, WrittenStudy written)
    {
        var s = study.Subject;
        var g = study.Geometry;
        var l = study.Labels;
        string Flag(bool b) => b ? "1" : "0";
        string F(float v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var fields = new[]
        {
            folder, s.StudyIndex.ToString(CultureInfo.InvariantCulture), twinOf, written.StudyInstanceUid, written.SeriesInstanceUid,
            g.SliceCount.ToString(CultureInfo.InvariantCulture), F(g.SliceThicknessMm), F(g.PixelSpacingMm),
            g.Matrix.ToString(CultureInfo.InvariantCulture), F(g.GantryTiltDegrees), F(g.TableIncrementMm), s.Scanner.ConvolutionKernel,
            F(s.Scanner.KernelSharpness), F(s.Scanner.CalibrationOffsetHu), F(s.Scanner.GreyWhiteContrast), F(s.Scanner.NoiseSdAt5MmHu),
            Flag(l.SubjectAny),
            Flag(l.Subject(HemorrhageSubtype.Epidural)), Flag(l.Subject(HemorrhageSubtype.Intraparenchymal)),
            Flag(l.Subject(HemorrhageSubtype.Intraventricular)), Flag(l.Subject(HemorrhageSubtype.Subarachnoid)),
            Flag(l.Subject(HemorrhageSubtype.Subdural)),
            Enumerable.Range(0, l.SliceCount).Count(l.Any).ToString(CultureInfo.InvariantCulture),
            s.AgeYears.ToString(CultureInfo.InvariantCulture), s.Sex, F(s.Atrophy), F(s.SkullThicknessMm),
            $"{F(s.RotationDegrees.X)} {F(s.RotationDegrees.Y)} {F(s.RotationDegrees.Z)}", F(s.NoiseSdHu), F(s.MidlineShiftMm),
            Flag(s.Motion), Flag(s.Streaks), string.Join(' ', s.Calcifications), string.Join(' ', s.Lesions.Select(x => x.ToString())),
        };
        return string.Join(',', fields);
    }
}
