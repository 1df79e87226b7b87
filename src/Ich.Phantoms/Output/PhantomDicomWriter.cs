using System.Globalization;
using Ich.Dicom;
using Ich.Dicom.Objects;
using Ich.Phantoms.Rendering;

namespace Ich.Phantoms.Output;

/// <summary>The files written for one study, and the SOP Instance UIDs of its analysed (brain) series in slice order.</summary>
/// <param name="Folder">The study's folder.</param>
/// <param name="StudyInstanceUid">Study Instance UID.</param>
/// <param name="SeriesInstanceUid">Series Instance UID of the analysed axial series.</param>
/// <param name="SliceUids">SOP Instance UID of each slice of the analysed series, in slice order (inferior → superior).</param>
/// <param name="Files">Number of DICOM files written, distractors included.</param>
public sealed record WrittenStudy(string Folder, string StudyInstanceUid, string SeriesInstanceUid, IReadOnlyList<string> SliceUids, int Files);

/// <summary>
/// Writes a phantom study as DICOM CT: the axial brain-kernel series that is analysed and, optionally, the
/// distractor series a real study carries (a lateral localizer and a bone-kernel reconstruction).
/// Identity is made up (PHANTOM^…) and dates are fixed, so the same study gives the same bytes.
/// </summary>
public static class PhantomDicomWriter
{
    /// <summary>Series number of the analysed axial series.</summary>
    public const int BrainSeriesNumber = 2;

    /// <summary>Series number of the localizer.</summary>
    public const int LocalizerSeriesNumber = 1;

    /// <summary>Series number of the bone-kernel series.</summary>
    public const int BoneSeriesNumber = 3;

    /// <summary>Study Description of every phantom study.</summary>
    public const string StudyDescription = "CT HEAD WO CONTRAST (PHANTOM)";

    private static readonly DateTime BaseDate = new(2025, 1, 6, 8, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Writes <paramref name="study"/> into <paramref name="folder"/> (created if needed).</summary>
    /// <param name="study">The generated study.</param>
    /// <param name="seed">The cohort seed (for UIDs).</param>
    /// <param name="folder">Target folder.</param>
    /// <param name="transferSyntax">Transfer syntax of every file (see <see cref="PhantomTransferSyntaxes"/>).</param>
    /// <param name="distractors">Also write a localizer and a bone-kernel series.</param>
    public static WrittenStudy Write(PhantomStudy study, long seed, string folder, TransferSyntax transferSyntax, bool distractors)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (transferSyntax.IsEncapsulated)
            throw new ArgumentException($"{transferSyntax} needs a pixel encoder; phantoms are written in native syntaxes only.", nameof(transferSyntax));

        var index = study.Subject.StudyIndex;
        var when = BaseDate.AddDays(index % 700).AddMinutes(index * 37 % 600);
        var patient = new PatientIdentity($"PHANTOM^{index.ToString("D5", CultureInfo.InvariantCulture)}", $"PH{seed.ToString(CultureInfo.InvariantCulture)}-{index.ToString(CultureInfo.InvariantCulture)}")
        {
            BirthDate = DateOnly.FromDateTime(when).AddYears(-study.Subject.AgeYears).AddDays(-(index * 53 % 360)),
            Sex = study.Subject.Sex,
        };
        var studyUid = PhantomUids.Study(seed, index);
        var studyIdentity = new StudyIdentity(studyUid, when)
        {
            StudyId = index.ToString(CultureInfo.InvariantCulture),
            AccessionNumber = $"PHA{index.ToString("D7", CultureInfo.InvariantCulture)}",
            Description = StudyDescription,
        };
        var common = new SeriesContext(seed, index, patient, studyIdentity, PhantomUids.FrameOfReference(seed, index), when, transferSyntax);
        var files = 0;

        var brainFolder = Path.Combine(folder, "series-2-brain");
        Directory.CreateDirectory(brainFolder);
        var sliceUids = WriteAxial(study, common, brainFolder, BrainSeriesNumber, "AXIAL BRAIN 5MM", study.Subject.Scanner.ConvolutionKernel, study.Slices,
            [VoiWindow.Brain, new VoiWindow(80, 200, "SUBDURAL")]);
        files += sliceUids.Count;

        if (distractors)
        {
            var localizerFolder = Path.Combine(folder, "series-1-localizer");
            Directory.CreateDirectory(localizerFolder);
            WriteLocalizer(study, common, localizerFolder);
            files++;

            var boneFolder = Path.Combine(folder, "series-3-bone");
            Directory.CreateDirectory(boneFolder);
            files += WriteAxial(study, common, boneFolder, BoneSeriesNumber, "AXIAL BONE", "H70h", BoneKernel.Sharpen(study),
                [new VoiWindow(600, 2800, "BONE")]).Count;
        }

        return new WrittenStudy(folder, studyUid, PhantomUids.Series(seed, index, BrainSeriesNumber), sliceUids, files);
    }

    private static List<string> WriteAxial(PhantomStudy study, SeriesContext c, string folder, int seriesNumber, string description,
        string kernel, IReadOnlyList<short[]> slices, IReadOnlyList<VoiWindow> windows)
    {
        var g = study.Geometry;
        var series = new SeriesIdentity(PhantomUids.Series(c.Seed, c.Index, seriesNumber), seriesNumber)
        {
            Description = description.Replace("5MM", $"{g.SliceThicknessMm.ToString("0.#", CultureInfo.InvariantCulture)}MM", StringComparison.Ordinal),
            SeriesDateTime = c.When,
        };
        var uids = new List<string>(g.SliceCount);
        var stored = new ushort[g.Matrix * g.Matrix];
        var row = ToPatientVector(g.RowDirection);
        var column = ToPatientVector(g.ColumnDirection);
        // Instance 1 is the top slice, as scanners number a head series from the vertex down.
        for (var k = 0; k < g.SliceCount; k++)
        {
            var instance = g.SliceCount - k;
            var uid = PhantomUids.Instance(c.Seed, c.Index, seriesNumber, instance);
            uids.Add(uid);
            var hu = slices[k];
            for (var i = 0; i < stored.Length; i++) stored[i] = (ushort)(hu[i] + 1024);
            var position = g.ImagePosition(k);
            var attributes = new CtImageAttributes
            {
                Patient = c.Patient,
                Study = c.Study,
                Series = series,
                SopInstanceUid = uid,
                InstanceNumber = instance,
                FrameOfReferenceUid = c.FrameOfReference,
                // A tilted slice as scanners write it: the tilted plane's orientation, positions stacked along the table.
                Plane = new ImagePlane(ToPatientVector(position), row, column, g.PixelSpacingMm, g.PixelSpacingMm, g.SliceThicknessMm),
                GantryDetectorTilt = Math.Round(g.GantryTiltDegrees, 2),
                RescaleIntercept = -1024,
                RescaleSlope = 1,
                Windows = windows,
                ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"],
                ConvolutionKernel = kernel,
                Kvp = 120,
                AcquisitionNumber = 1,
                BodyPartExamined = "HEAD",
                SliceLocation = g.SliceZ[k],
                Equipment = Equipment,
                BitsStored = 12,
            };
            var dataset = CtImageBuilder.Build(attributes, g.Matrix, g.Matrix, stored);
            var path = Path.Combine(folder, $"IM-{instance.ToString("D4", CultureInfo.InvariantCulture)}.dcm");
            DicomWriter.Write(DicomFile.Create(dataset, c.TransferSyntax), path);
        }
        return uids;
    }

    private static void WriteLocalizer(PhantomStudy study, SeriesContext c, string folder)
    {
        // A lateral scout: mean attenuation along the patient's left-right axis, superior at the top.
        var g = study.Geometry;
        var n = g.Matrix;
        var rows = g.SliceCount;
        var pixels = new ushort[rows * n];
        for (var k = 0; k < rows; k++)
        {
            var slice = study.Slices[k];
            var targetRow = rows - 1 - k;
            for (var r = 0; r < n; r++)
            {
                var sum = 0;
                for (var col = 0; col < n; col++) sum += slice[r * n + col] + 1024;
                pixels[targetRow * n + r] = (ushort)Math.Clamp(sum / n * 3, 0, 4095);
            }
        }
        var top = g.ImagePosition(g.SliceCount - 1);
        var series = new SeriesIdentity(PhantomUids.Series(c.Seed, c.Index, LocalizerSeriesNumber), LocalizerSeriesNumber)
        {
            Description = "TOPOGRAM LATERAL",
            SeriesDateTime = c.When,
        };
        var attributes = new CtImageAttributes
        {
            Patient = c.Patient,
            Study = c.Study,
            Series = series,
            SopInstanceUid = PhantomUids.Instance(c.Seed, c.Index, LocalizerSeriesNumber, 1),
            InstanceNumber = 1,
            FrameOfReferenceUid = c.FrameOfReference,
            Plane = new ImagePlane(new PatientVector(0, top.Y, top.Z), new PatientVector(0, 1, 0), new PatientVector(0, 0, -1),
                g.SliceThicknessMm, g.PixelSpacingMm, g.FieldOfViewMm),
            RescaleIntercept = -1024,
            RescaleSlope = 1,
            Windows = [new VoiWindow(1500, 3000, "LOCALIZER")],
            ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"],
            Kvp = 120,
            AcquisitionNumber = 1,
            BodyPartExamined = "HEAD",
            Equipment = Equipment,
            BitsStored = 12,
        };
        var dataset = CtImageBuilder.Build(attributes, rows, n, pixels);
        DicomWriter.Write(DicomFile.Create(dataset, c.TransferSyntax), Path.Combine(folder, "IM-0001.dcm"));
    }

    // Rounded so a cosine written as DS ("0.965926") stays a unit vector within the writer's tolerance.
    private static PatientVector ToPatientVector(System.Numerics.Vector3 v) =>
        new(Math.Round(v.X, 6), Math.Round(v.Y, 6), Math.Round(v.Z, 6));

    private static EquipmentIdentity Equipment { get; } = new("IchFunctions")
    {
        ModelName = "Synthetic head CT phantom",
        SoftwareVersions = ["ich-phantoms 1"],
    };

    private sealed record SeriesContext(long Seed, int Index, PatientIdentity Patient, StudyIdentity Study, string FrameOfReference,
        DateTime When, TransferSyntax TransferSyntax);
}
