namespace Ich.Dicom.Objects;

/// <summary>
/// Builds Secondary Capture Image Storage instances (PS3.3 A.8.1): Patient, General Study, General Series, General
/// Equipment, SC Equipment, General Image, Image Pixel, SC Image, Common Instance Reference and SOP Common modules,
/// 8-bit RGB or MONOCHROME2 pixels.
/// </summary>
public static class SecondaryCaptureBuilder
{
    /// <summary>Builds the dataset.</summary>
    /// <param name="attributes">Identity, references and description of the capture.</param>
    /// <param name="image">The 8-bit pixels.</param>
    /// <exception cref="ArgumentException">An attribute is invalid (the message says which).</exception>
    public static DicomDataset Build(SecondaryCaptureAttributes attributes, CapturedImage image)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(image);
        var a = attributes;
        if (a.InstanceNumber < 0) throw new ArgumentOutOfRangeException(nameof(attributes), a.InstanceNumber, "Instance Number must not be negative.");
        if (a.PatientOrientation.Count is not (0 or 2)) throw new ArgumentException("Patient Orientation needs two values (row, column) or none.", nameof(attributes));

        var dataset = new DicomDataset();

        // SOP Common.
        DicomValues.SetTexts(dataset, DicomTags.ImageType, DicomVR.CS, a.ImageType, "Image Type");
        DicomValues.SetDate(dataset, DicomTags.InstanceCreationDate, a.ContentDateTime);
        DicomValues.SetTime(dataset, DicomTags.InstanceCreationTime, a.ContentDateTime);
        DicomValues.SetUid(dataset, DicomTags.SOPClassUID, SopClassUids.SecondaryCaptureImageStorage, "SOP Class UID");
        DicomValues.SetUid(dataset, DicomTags.SOPInstanceUID, a.SopInstanceUid, nameof(a.SopInstanceUid));

        // Patient, General Study, General Series, General Equipment, SC Equipment.
        a.Patient.WriteTo(dataset);
        a.Study.WriteTo(dataset);
        a.Series.WriteTo(dataset, a.Modality);
        a.Equipment.WriteTo(dataset);
        DicomValues.SetOptionalText(dataset, DicomTags.BodyPartExamined, DicomVR.CS, a.BodyPartExamined, "Body Part Examined");
        DicomValues.SetText(dataset, ObjectTags.ConversionType, DicomVR.CS, a.ConversionType, "Conversion Type");
        DicomValues.SetText(dataset, ObjectTags.SecondaryCaptureDeviceManufacturer, DicomVR.LO, a.Equipment.Manufacturer, "Secondary Capture Device Manufacturer");
        DicomValues.SetOptionalText(dataset, ObjectTags.SecondaryCaptureDeviceManufacturerModelName, DicomVR.LO, a.Equipment.ModelName, "Secondary Capture Device Model Name");
        if (a.Equipment.SoftwareVersions.Count > 0)
        {
            DicomValues.SetTexts(dataset, ObjectTags.SecondaryCaptureDeviceSoftwareVersions, DicomVR.LO, a.Equipment.SoftwareVersions, "Secondary Capture Device Software Versions");
        }

        // General Image, SC Image.
        dataset.SetNumbers(DicomTags.InstanceNumber, DicomVR.IS, a.InstanceNumber);
        DicomValues.SetTexts(dataset, ObjectTags.PatientOrientation, DicomVR.CS, a.PatientOrientation, "Patient Orientation");
        DicomValues.SetDate(dataset, DicomTags.ContentDate, a.ContentDateTime);
        DicomValues.SetTime(dataset, DicomTags.ContentTime, a.ContentDateTime);
        DicomValues.SetDate(dataset, ObjectTags.DateOfSecondaryCapture, a.ContentDateTime);
        DicomValues.SetTime(dataset, ObjectTags.TimeOfSecondaryCapture, a.ContentDateTime);
        DicomValues.SetOptionalText(dataset, DicomTags.DerivationDescription, DicomVR.ST, a.DerivationDescription, "Derivation Description");
        DicomValues.SetText(dataset, ObjectTags.BurnedInAnnotation, DicomVR.CS, a.BurnedInAnnotation ? "YES" : "NO", "Burned In Annotation");
        if (a.SourceImages.Count > 0)
        {
            dataset.SetSequence(ObjectTags.SourceImageSequence, a.SourceImages.Distinct().Select(image => image.ToSopItem()));
            // Common Instance Reference (PS3.3 C.12.2): the source series of the same study.
            dataset.SetSequence(DicomTags.ReferencedSeriesSequence, ImageReference.GroupBySeries(a.SourceImages, ObjectTags.ReferencedInstanceSequence));
        }

        // Image Pixel.
        dataset.SetNumbers(DicomTags.SamplesPerPixel, DicomVR.US, image.SamplesPerPixel);
        DicomValues.SetText(dataset, DicomTags.PhotometricInterpretation, DicomVR.CS, image.PhotometricInterpretation, "Photometric Interpretation");
        if (image.SamplesPerPixel > 1) dataset.SetNumbers(DicomTags.PlanarConfiguration, DicomVR.US, 0);
        dataset.SetNumbers(DicomTags.Rows, DicomVR.US, image.Rows);
        dataset.SetNumbers(DicomTags.Columns, DicomVR.US, image.Columns);
        dataset.SetNumbers(DicomTags.BitsAllocated, DicomVR.US, 8);
        dataset.SetNumbers(DicomTags.BitsStored, DicomVR.US, 8);
        dataset.SetNumbers(DicomTags.HighBit, DicomVR.US, 7);
        dataset.SetNumbers(DicomTags.PixelRepresentation, DicomVR.US, 0);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OB, image.Pixels);

        DicomValues.DeclareCharacterSet(dataset);
        return dataset;
    }
}
