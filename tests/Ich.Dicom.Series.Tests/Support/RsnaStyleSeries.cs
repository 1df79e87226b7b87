using System.Globalization;
using Ich.Dicom;
using Ich.Dicom.Objects;

namespace Ich.Dicom.Series.Tests.Support;

/// <summary>
/// Writes single-slice CT files with the quirks of the RSNA 2019 collection (no real RSNA file is used), through the
/// project's <see cref="CtImageBuilder"/> and <see cref="DicomWriter"/>: UIDs of the form <c>ID_&lt;hex&gt;</c>, SOP
/// Class UID only in the file meta, no Image Type, Slice Thickness, Convolution Kernel or Instance Number,
/// multi-valued Window Center/Width, 12-bit unsigned stored values — and, with <see cref="InconsistentRescale"/>,
/// the inconsistent intercept that <c>RescaleRepair</c> corrects. The image is a head: air outside a disc, soft
/// tissue with a per-slice pattern inside, a bone ring; <see cref="Hounsfield"/> gives each pixel's true HU.
/// </summary>
internal sealed record RsnaStyleSeries
{
    public const int Size = 32;

    /// <summary>Which study (0-based) of a flat collection: makes the UIDs distinct.</summary>
    public int Study { get; init; }

    /// <summary>Which series of the study (0-based).</summary>
    public int SeriesIndex { get; init; }

    public int Slices { get; init; } = 30;

    public double Spacing { get; init; } = 5;

    /// <summary>Writes the quirk: stored = HU mod 4096 with intercept <see cref="QuirkIntercept"/> (consistent: HU + 1024, intercept −1024).</summary>
    public bool InconsistentRescale { get; init; }

    /// <summary>The intercept written with <see cref="InconsistentRescale"/>: above −100, so air cannot decode as air.</summary>
    public double QuirkIntercept { get; init; }

    /// <summary>When false, no pixel is air (for the implausible-repair case).</summary>
    public bool WithAir { get; init; } = true;

    public string StudyUid => Id(1, Study, 0, 0);

    public string SeriesUid => Id(2, Study, SeriesIndex, 0);

    public string SopUid(int slice) => Id(3, Study, SeriesIndex, slice);

    /// <summary>The true Hounsfield value of a pixel.</summary>
    public int Hounsfield(int slice, int row, int column)
    {
        var r2 = ((row - 15.5) * (row - 15.5)) + ((column - 15.5) * (column - 15.5));
        if (r2 > 13 * 13) return WithAir ? -1000 + ((row + column) % 5) : 10;
        if (r2 > 11 * 11) return 1500 + SeriesIndex;
        return 20 + (((slice * 7) + (row * 3) + column + (Study * 11)) % 60);
    }

    /// <summary>Slice <paramref name="slice"/> (0 = most inferior) as a Part 10 file.</summary>
    public byte[] CreateSlice(int slice)
    {
        var pixels = new ushort[Size * Size];
        for (var row = 0; row < Size; row++)
        {
            for (var column = 0; column < Size; column++)
            {
                var hu = Hounsfield(slice, row, column);
                pixels[(row * Size) + column] = (ushort)(InconsistentRescale ? (hu + 4096) % 4096 : hu + 1024);
            }
        }

        var attributes = new CtImageAttributes
        {
            Patient = new PatientIdentity("ANON", "ID_patient"),
            Study = new StudyIdentity("2.25.1", null),
            Series = new SeriesIdentity("2.25.2", 1),
            SopInstanceUid = "2.25.3",
            InstanceNumber = 0,
            FrameOfReferenceUid = "2.25.4",
            Plane = ImagePlane.Axial(new PatientVector(-8, -8, 100 + (slice * Spacing)), 0.5, Spacing),
            RescaleIntercept = InconsistentRescale ? QuirkIntercept : -1024,
            Windows = [new VoiWindow(40, 80), new VoiWindow(40, 80)],
            BitsStored = 12,
        };
        var dataset = CtImageBuilder.Build(attributes, Size, Size, pixels);
        // The builder writes valid UIDs and every Type 2 attribute; strip and replace them as the collection does.
        dataset.Set(DicomTags.StudyInstanceUID, DicomVR.UI, StudyUid);
        dataset.Set(DicomTags.SeriesInstanceUID, DicomVR.UI, SeriesUid);
        dataset.Set(DicomTags.SOPInstanceUID, DicomVR.UI, SopUid(slice));
        foreach (var tag in new[] { DicomTags.ImageType, DicomTags.SliceThickness, DicomTags.ConvolutionKernel, DicomTags.InstanceNumber, DicomTags.SeriesNumber })
        {
            dataset.Remove(tag);
        }

        var file = DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian);
        dataset.Remove(DicomTags.SOPClassUID); // now only in the file meta
        return DicomWriter.WriteToBytes(file);
    }

    /// <summary>Writes every slice into one flat folder as <c>ID_&lt;hex&gt;.dcm</c>, the SOP Instance UID as file name.</summary>
    public IReadOnlyList<string> WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (var slice = 0; slice < Slices; slice++)
        {
            var path = Path.Combine(folder, SopUid(slice) + ".dcm");
            File.WriteAllBytes(path, CreateSlice(slice));
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>An <c>ID_&lt;hex&gt;</c> identifier, hashed so that names and UIDs sort unlike the slices.</summary>
    private static string Id(int kind, int study, int series, int slice)
    {
        var key = (uint)((kind * 1_000_003) + (study * 10_007) + (series * 101) + slice);
        var hash = unchecked(key * 2654435761u) ^ (key >> 3);
        return "ID_" + hash.ToString("x8", CultureInfo.InvariantCulture) + kind.ToString("x", CultureInfo.InvariantCulture);
    }
}
