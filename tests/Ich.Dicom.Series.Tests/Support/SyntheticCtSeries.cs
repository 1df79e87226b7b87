using System.Buffers.Binary;
using System.Globalization;
using Ich.Dicom;

namespace Ich.Dicom.Series.Tests.Support;

/// <summary>
/// Writes synthetic CT series as real Part 10 files (Explicit VR Little Endian, through the project's DicomWriter): the
/// format is real, the anatomy is a pattern whose stored values are known, so decoded Hounsfield units can be checked.
/// Also used by benchmarks/series-read (linked source file).
/// </summary>
internal sealed record SyntheticCtSeries
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>Patient name written into every file: tests check it never shows up in reports.</summary>
    public const string PatientName = "SECRET^PATIENT";

    public string StudyUid { get; init; } = "2.25.1001";
    public string SeriesUid { get; init; } = "2.25.1001.2";
    public int SeriesNumber { get; init; } = 2;
    public string Description { get; init; } = "Head 5mm";
    public string Modality { get; init; } = "CT";
    public string[] ImageType { get; init; } = ["ORIGINAL", "PRIMARY", "AXIAL"];
    public string Kernel { get; init; } = "H31s";
    public int Slices { get; init; } = 12;
    public int Rows { get; init; } = 32;
    public int Columns { get; init; } = 32;
    public double Spacing { get; init; } = 5;
    public double Thickness { get; init; } = 5;
    public double TiltDegrees { get; init; }
    public double RescaleIntercept { get; init; } = -1024;
    public double RescaleSlope { get; init; } = 1;

    /// <summary>Image orientation: row direction then column direction (tilted about x by <see cref="TiltDegrees"/>).</summary>
    public double[] Orientation
    {
        get
        {
            var t = TiltDegrees * Math.PI / 180;
            return [1, 0, 0, 0, Math.Cos(t), Math.Sin(t)];
        }
    }

    /// <summary>The stored value of a voxel: distinct per slice so ordering mistakes show.</summary>
    public static ushort StoredValue(int slice, int row, int column) => (ushort)((slice * 37 + row * 3 + column) % 3000);

    /// <summary>SOP Instance UID of a slice.</summary>
    public string SopUid(int slice) => $"{SeriesUid}.{slice + 1}";

    /// <summary>Builds slice <paramref name="slice"/> (0 = most inferior) as a Part 10 file.</summary>
    public byte[] CreateSlice(int slice)
    {
        var d = new DicomDataset();
        d.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        d.Set(DicomTags.ImageType, DicomVR.CS, ImageType);
        d.Set(DicomTags.SOPClassUID, DicomVR.UI, CtImageStorage);
        d.Set(DicomTags.SOPInstanceUID, DicomVR.UI, SopUid(slice));
        d.Set(DicomTags.Modality, DicomVR.CS, Modality);
        d.Set(DicomTags.SeriesDescription, DicomVR.LO, Description);
        d.Set(DicomTags.PatientName, DicomVR.PN, PatientName);
        d.Set(DicomTags.PatientID, DicomVR.LO, "SECRET-ID-42");
        d.SetNumbers(DicomTags.SliceThickness, DicomVR.DS, Thickness);
        d.Set(DicomTags.ConvolutionKernel, DicomVR.SH, Kernel);
        d.SetNumbers(DicomTags.GantryDetectorTilt, DicomVR.DS, TiltDegrees);
        d.Set(DicomTags.StudyInstanceUID, DicomVR.UI, StudyUid);
        d.Set(DicomTags.SeriesInstanceUID, DicomVR.UI, SeriesUid);
        d.SetNumbers(DicomTags.SeriesNumber, DicomVR.IS, SeriesNumber);
        d.SetNumbers(DicomTags.InstanceNumber, DicomVR.IS, slice + 1);
        // Positions stacked straight along z: with a tilted orientation that is a gantry-tilted acquisition.
        d.SetNumbers(DicomTags.ImagePositionPatient, DicomVR.DS, -80, -80, slice * Spacing);
        d.SetNumbers(DicomTags.ImageOrientationPatient, DicomVR.DS, Orientation);
        d.SetNumbers(DicomTags.SamplesPerPixel, DicomVR.US, 1);
        d.Set(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        d.SetNumbers(DicomTags.Rows, DicomVR.US, Rows);
        d.SetNumbers(DicomTags.Columns, DicomVR.US, Columns);
        d.SetNumbers(DicomTags.PixelSpacing, DicomVR.DS, 0.5, 0.5);
        d.SetNumbers(DicomTags.BitsAllocated, DicomVR.US, 16);
        d.SetNumbers(DicomTags.BitsStored, DicomVR.US, 12);
        d.SetNumbers(DicomTags.HighBit, DicomVR.US, 11);
        d.SetNumbers(DicomTags.PixelRepresentation, DicomVR.US, 0);
        d.SetNumbers(DicomTags.RescaleIntercept, DicomVR.DS, RescaleIntercept);
        d.SetNumbers(DicomTags.RescaleSlope, DicomVR.DS, RescaleSlope);
        d.SetBytes(DicomTags.PixelData, DicomVR.OW, Pixels(slice));
        return DicomWriter.WriteToBytes(DicomFile.Create(d, TransferSyntax.ExplicitVRLittleEndian));
    }

    /// <summary>Writes every slice into <paramref name="folder"/>; file names are deliberately unrelated to the order.</summary>
    public IReadOnlyList<string> WriteTo(string folder, IEnumerable<int>? slices = null, string prefix = "")
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var slice in slices ?? Enumerable.Range(0, Slices))
        {
            var path = Path.Combine(folder, $"{prefix}{ShuffledName(slice)}.dcm");
            File.WriteAllBytes(path, CreateSlice(slice));
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>A file name that sorts in a different order than the slices.</summary>
    public string ShuffledName(int slice) =>
        $"IM{(uint)((slice + 1) * 2654435761u % 100000):00000}_{SeriesNumber.ToString(CultureInfo.InvariantCulture)}";

    private byte[] Pixels(int slice)
    {
        var bytes = new byte[Rows * Columns * 2];
        for (var row = 0; row < Rows; row++)
        {
            for (var column = 0; column < Columns; column++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan((row * Columns + column) * 2), StoredValue(slice, row, column));
            }
        }

        return bytes;
    }
}
