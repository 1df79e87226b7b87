using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ich.Dicom.Objects;

/// <summary>
/// Builds CT Image Storage instances (PS3.3 A.3): the Patient, General Study, General Series, Frame of Reference,
/// General Equipment, General Image, Image Plane, Image Pixel, CT Image, VOI LUT and SOP Common modules, with every
/// Type 1 and Type 2 attribute present, from <see cref="CtImageAttributes"/> and 16-bit pixels.
/// </summary>
public static class CtImageBuilder
{
    /// <summary>Builds a slice with signed 16-bit stored values (Pixel Representation 1).</summary>
    /// <param name="attributes">Identity, geometry and display attributes.</param>
    /// <param name="rows">Rows (0028,0010), 1–65535.</param>
    /// <param name="columns">Columns (0028,0011), 1–65535.</param>
    /// <param name="pixels">Stored values, row by row; <paramref name="rows"/> × <paramref name="columns"/> of them.</param>
    /// <exception cref="ArgumentException">An attribute or the pixel count is invalid, or a value does not fit Bits Stored.</exception>
    public static DicomDataset Build(CtImageAttributes attributes, int rows, int columns, ReadOnlySpan<short> pixels)
    {
        CheckPixels(attributes, rows, columns, pixels.Length);
        if (attributes.BitsStored < 16)
        {
            int min = -(1 << (attributes.BitsStored - 1)), max = (1 << (attributes.BitsStored - 1)) - 1;
            foreach (var value in pixels)
            {
                if (value < min || value > max) throw OutOfRange(attributes, value);
            }
        }
        return Build(attributes, rows, columns, signed: true, ToLittleEndianBytes(MemoryMarshal.AsBytes(pixels)));
    }

    /// <summary>Builds a slice with unsigned 16-bit stored values (Pixel Representation 0).</summary>
    /// <param name="attributes">Identity, geometry and display attributes.</param>
    /// <param name="rows">Rows (0028,0010), 1–65535.</param>
    /// <param name="columns">Columns (0028,0011), 1–65535.</param>
    /// <param name="pixels">Stored values, row by row; <paramref name="rows"/> × <paramref name="columns"/> of them.</param>
    /// <exception cref="ArgumentException">An attribute or the pixel count is invalid, or a value does not fit Bits Stored.</exception>
    public static DicomDataset Build(CtImageAttributes attributes, int rows, int columns, ReadOnlySpan<ushort> pixels)
    {
        CheckPixels(attributes, rows, columns, pixels.Length);
        if (attributes.BitsStored < 16)
        {
            var max = (1 << attributes.BitsStored) - 1;
            foreach (var value in pixels)
            {
                if (value > max) throw OutOfRange(attributes, value);
            }
        }
        return Build(attributes, rows, columns, signed: false, ToLittleEndianBytes(MemoryMarshal.AsBytes(pixels)));
    }

    private static DicomDataset Build(CtImageAttributes attributes, int rows, int columns, bool signed, byte[] pixelData)
    {
        var a = attributes;
        if (a.InstanceNumber < 0) throw new ArgumentOutOfRangeException(nameof(attributes.InstanceNumber), a.InstanceNumber, "Instance Number must not be negative.");
        if (!double.IsFinite(a.RescaleSlope) || a.RescaleSlope == 0) throw new ArgumentException("Rescale Slope must be a finite, non-zero number.", nameof(attributes.RescaleSlope));
        if (!double.IsFinite(a.RescaleIntercept)) throw new ArgumentException("Rescale Intercept must be finite.", nameof(attributes.RescaleIntercept));
        if (a.ImageType.Count < 2) throw new ArgumentException("Image Type needs at least two values (e.g. ORIGINAL, PRIMARY).", nameof(attributes.ImageType));
        if (a.Kvp is { } kvp && (!double.IsFinite(kvp) || kvp <= 0)) throw new ArgumentOutOfRangeException(nameof(attributes.Kvp), kvp, "KVP must be positive.");

        var contentTime = a.ContentDateTime ?? a.Study.StudyDateTime;
        var dataset = new DicomDataset();

        // SOP Common.
        DicomValues.SetTexts(dataset, DicomTags.ImageType, DicomVR.CS, a.ImageType, "Image Type");
        DicomValues.SetUid(dataset, DicomTags.SOPClassUID, SopClassUids.CtImageStorage, "SOP Class UID");
        DicomValues.SetUid(dataset, DicomTags.SOPInstanceUID, a.SopInstanceUid, nameof(a.SopInstanceUid));

        // Patient, General Study, General Series, General Equipment.
        a.Patient.WriteTo(dataset);
        a.Study.WriteTo(dataset);
        a.Series.WriteTo(dataset, "CT");
        a.Equipment.WriteTo(dataset);
        DicomValues.SetText(dataset, DicomTags.PatientPosition, DicomVR.CS, a.PatientPosition, "Patient Position");
        DicomValues.SetOptionalText(dataset, DicomTags.BodyPartExamined, DicomVR.CS, a.BodyPartExamined, "Body Part Examined");

        // Frame of Reference.
        DicomValues.SetUid(dataset, DicomTags.FrameOfReferenceUID, a.FrameOfReferenceUid, nameof(a.FrameOfReferenceUid));
        DicomValues.SetEmpty(dataset, ObjectTags.PositionReferenceIndicator, DicomVR.LO);

        // General Image and Image Plane.
        dataset.SetNumbers(DicomTags.InstanceNumber, DicomVR.IS, a.InstanceNumber);
        DicomValues.SetDate(dataset, DicomTags.ContentDate, contentTime);
        DicomValues.SetTime(dataset, DicomTags.ContentTime, contentTime);
        a.Plane.WriteTo(dataset);
        if (a.SliceLocation is { } location) dataset.SetNumbers(DicomTags.SliceLocation, DicomVR.DS, location);

        // CT Image.
        if (a.Kvp is { } kv) dataset.SetNumbers(DicomTags.KVP, DicomVR.DS, kv);
        else DicomValues.SetEmpty(dataset, DicomTags.KVP, DicomVR.DS);
        if (a.GantryDetectorTilt is { } tilt)
        {
            if (!double.IsFinite(tilt)) throw new ArgumentOutOfRangeException(nameof(attributes.GantryDetectorTilt), tilt, "Gantry/Detector Tilt must be finite.");
            dataset.SetNumbers(DicomTags.GantryDetectorTilt, DicomVR.DS, tilt);
        }
        if (a.AcquisitionNumber is { } acquisition) dataset.SetNumbers(DicomTags.AcquisitionNumber, DicomVR.IS, acquisition);
        else DicomValues.SetEmpty(dataset, DicomTags.AcquisitionNumber, DicomVR.IS);
        DicomValues.SetOptionalText(dataset, DicomTags.ConvolutionKernel, DicomVR.SH, a.ConvolutionKernel, "Convolution Kernel");
        dataset.SetNumbers(DicomTags.RescaleIntercept, DicomVR.DS, a.RescaleIntercept);
        dataset.SetNumbers(DicomTags.RescaleSlope, DicomVR.DS, a.RescaleSlope);
        VoiWindow.WriteTo(dataset, a.Windows);

        // Image Pixel.
        dataset.SetNumbers(DicomTags.SamplesPerPixel, DicomVR.US, 1);
        DicomValues.SetText(dataset, DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2", "Photometric Interpretation");
        dataset.SetNumbers(DicomTags.Rows, DicomVR.US, rows);
        dataset.SetNumbers(DicomTags.Columns, DicomVR.US, columns);
        dataset.SetNumbers(DicomTags.BitsAllocated, DicomVR.US, 16);
        dataset.SetNumbers(DicomTags.BitsStored, DicomVR.US, a.BitsStored);
        dataset.SetNumbers(DicomTags.HighBit, DicomVR.US, a.BitsStored - 1);
        dataset.SetNumbers(DicomTags.PixelRepresentation, DicomVR.US, signed ? 1 : 0);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, pixelData);

        DicomValues.DeclareCharacterSet(dataset);
        return dataset;
    }

    private static void CheckPixels(CtImageAttributes attributes, int rows, int columns, int count)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (rows is < 1 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(rows), rows, "Rows must be 1-65535.");
        if (columns is < 1 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(columns), columns, "Columns must be 1-65535.");
        if ((long)rows * columns != count)
        {
            throw new ArgumentException($"{count} pixel values given for a {rows} x {columns} image, which needs {(long)rows * columns}.", "pixels");
        }
        if (attributes.BitsStored is < 12 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(attributes.BitsStored), attributes.BitsStored, "Bits Stored must be 12-16 for CT (PS3.3 C.8.2.1).");
        }
    }

    private static ArgumentException OutOfRange(CtImageAttributes attributes, int value) =>
        new($"Pixel value {value} does not fit in {attributes.BitsStored} bits stored.", "pixels");

    private static byte[] ToLittleEndianBytes(ReadOnlySpan<byte> nativeBytes)
    {
        var bytes = nativeBytes.ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<byte, ushort>(bytes.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        return bytes;
    }
}
