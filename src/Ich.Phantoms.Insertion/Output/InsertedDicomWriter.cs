using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Ich.Dicom;
using Ich.Dicom.Objects;
using Ich.Phantoms.Insertion.Insertion;

namespace Ich.Phantoms.Insertion.Output;

/// <summary>
/// Writes an inserted study as one axial DICOM CT series through the project's CT Image builder, as the phantom writer
/// does (12-bit stored values, RescaleIntercept −1024, instance 1 at the vertex). Identity is made up and dates fixed,
/// so the same study gives the same bytes; UIDs are name-based (<c>ich-insert/seed-S/study-i[/twin]</c>).
/// </summary>
public static class InsertedDicomWriter
{
    private static readonly DateTime BaseDate = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Unspecified);

    private static EquipmentIdentity Equipment { get; } = new("IchFunctions")
    {
        ModelName = "Synthetic bleeds in a real head CT",
        SoftwareVersions = ["ich-phantoms-insert 1"],
    };

    /// <summary>Writes the study (or, with <paramref name="twin"/>, its lesion-free twin) into <paramref name="folder"/>.</summary>
    /// <returns>The Study Instance UID and the SOP Instance UIDs in slice order (inferior → superior).</returns>
    public static (string StudyUid, IReadOnlyList<string> SliceUids) Write(InsertedStudy study, long seed, bool twin, string folder)
    {
        ArgumentNullException.ThrowIfNull(study);
        var name = $"ich-insert/seed-{seed.ToString(CultureInfo.InvariantCulture)}/study-{study.Index.ToString(CultureInfo.InvariantCulture)}" + (twin ? "/twin" : "");
        var studyUid = UidGenerator.FromName(name);
        var tag = (twin ? "TW" : "IN") + study.Index.ToString("D5", CultureInfo.InvariantCulture);
        var when = BaseDate.AddDays(study.Index % 500);
        var patient = new PatientIdentity($"INSERTED^{tag}", $"INS{seed.ToString(CultureInfo.InvariantCulture)}-{tag}");
        var studyIdentity = new StudyIdentity(studyUid, when) { StudyId = tag, AccessionNumber = tag, Description = "CT HEAD WO CONTRAST (INSERTED BLEEDS)" };
        var series = new SeriesIdentity(UidGenerator.FromName(name + "/series-2"), 2)
        {
            Description = $"AXIAL BRAIN {study.SliceThicknessMm.ToString("0.#", CultureInfo.InvariantCulture)}MM",
            SeriesDateTime = when,
        };
        var frame = UidGenerator.FromName(name + "/frame-of-reference");
        var slices = twin ? study.TwinSlices : study.Slices;
        Directory.CreateDirectory(folder);
        var uids = new List<string>(slices.Count);
        var stored = new ushort[study.Width * study.Height];
        float x0 = -study.PixelSpacingMm * (study.Width - 1) / 2f, y0 = -study.PixelSpacingMm * (study.Height - 1) / 2f;
        for (var k = 0; k < slices.Count; k++)
        {
            var instance = slices.Count - k;
            var uid = UidGenerator.FromName(name + "/series-2/instance-" + instance.ToString(CultureInfo.InvariantCulture));
            uids.Add(uid);
            ToStored(slices[k], stored);
            var z = k * study.SliceThicknessMm;
            var attributes = new CtImageAttributes
            {
                Patient = patient,
                Study = studyIdentity,
                Series = series,
                SopInstanceUid = uid,
                InstanceNumber = instance,
                FrameOfReferenceUid = frame,
                Plane = ImagePlane.Axial(new PatientVector(x0, y0, z), study.PixelSpacingMm, study.SliceThicknessMm),
                RescaleIntercept = -1024,
                Windows = [VoiWindow.Brain],
                ConvolutionKernel = "H30s",
                Kvp = 120,
                AcquisitionNumber = 1,
                BodyPartExamined = "HEAD",
                SliceLocation = z,
                Equipment = Equipment,
                BitsStored = 12,
            };
            var dataset = CtImageBuilder.Build(attributes, study.Height, study.Width, stored);
            DicomWriter.Write(DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian),
                Path.Combine(folder, $"IM-{instance.ToString("D4", CultureInfo.InvariantCulture)}.dcm"));
        }
        return (studyUid, uids);
    }

    /// <summary>Stored value = clamp(HU + 1024, 0, 4095); clamping HU to −1024…3071 first is the same for every short, and SIMD.</summary>
    private static void ToStored(ReadOnlySpan<short> hu, Span<ushort> stored)
    {
        hu = hu[..stored.Length];
        var target = MemoryMarshal.Cast<ushort, short>(stored);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<short> low = new(-1024), high = new(3071), offset = new(1024);
            for (; i + Vector<short>.Count <= hu.Length; i += Vector<short>.Count)
                (Vector.Min(Vector.Max(new Vector<short>(hu[i..]), low), high) + offset).CopyTo(target[i..]);
        }
        for (; i < hu.Length; i++) stored[i] = (ushort)Math.Clamp(hu[i] + 1024, 0, 4095);
    }
}
