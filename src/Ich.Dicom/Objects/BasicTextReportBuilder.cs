namespace Ich.Dicom.Objects;

/// <summary>
/// Builds Basic Text SR documents (PS3.3 A.35.1): Patient, General Study, SR Document Series, General Equipment,
/// SR Document General, SR Document Content and SOP Common modules. The root is a CONTAINER titled by
/// <see cref="TextReportAttributes.Title"/>; every item is related by value (CONTAINS). Verification Flag is always
/// UNVERIFIED: the product's findings are decision support, never a signed diagnosis. A tree that holds a NUM item
/// is written as Enhanced SR instead, the SOP class that allows NUM with otherwise the same modules.
/// </summary>
public static class BasicTextReportBuilder
{
    /// <summary>Builds the dataset.</summary>
    /// <param name="attributes">Identity, title, content and evidence of the report.</param>
    /// <exception cref="ArgumentException">An attribute is invalid, or a complete report has no evidence (the message says which).</exception>
    public static DicomDataset Build(TextReportAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var a = attributes;
        if (a.InstanceNumber < 0) throw new ArgumentOutOfRangeException(nameof(attributes), a.InstanceNumber, "Instance Number must not be negative.");
        if (a.Content is null || a.Content.Count == 0) throw new ArgumentException("A report needs at least one content item.", nameof(attributes));

        var root = new SrContainer(a.Title, a.Content);
        var items = root.DescendantsAndSelf().ToArray();
        var sopClass = items.Any(item => item is SrNumber) ? SopClassUids.EnhancedSRStorage : SopClassUids.BasicTextSRStorage;
        var evidence = a.Evidence.Concat(items.OfType<SrImage>().Select(image => image.Image)).Distinct().ToArray();
        if (a.IsComplete && evidence.Length == 0)
        {
            throw new ArgumentException("A complete report must list the images it is based on (Evidence); PS3.3 C.17.2 requires them.", nameof(attributes));
        }

        var dataset = new DicomDataset();

        // SOP Common.
        DicomValues.SetDate(dataset, DicomTags.InstanceCreationDate, a.ContentDateTime);
        DicomValues.SetTime(dataset, DicomTags.InstanceCreationTime, a.ContentDateTime);
        DicomValues.SetUid(dataset, DicomTags.SOPClassUID, sopClass, "SOP Class UID");
        DicomValues.SetUid(dataset, DicomTags.SOPInstanceUID, a.SopInstanceUid, nameof(a.SopInstanceUid));

        // Patient, General Study, SR Document Series, General Equipment.
        a.Patient.WriteTo(dataset);
        a.Study.WriteTo(dataset);
        a.Series.WriteTo(dataset, "SR");
        dataset.SetSequence(ObjectTags.ReferencedPerformedProcedureStepSequence, []);
        a.Equipment.WriteTo(dataset);

        // SR Document General.
        dataset.SetNumbers(DicomTags.InstanceNumber, DicomVR.IS, a.InstanceNumber);
        DicomValues.SetDate(dataset, DicomTags.ContentDate, a.ContentDateTime);
        DicomValues.SetTime(dataset, DicomTags.ContentTime, a.ContentDateTime);
        DicomValues.SetText(dataset, DicomTags.CompletionFlag, DicomVR.CS, a.IsComplete ? "COMPLETE" : "PARTIAL", "Completion Flag");
        DicomValues.SetText(dataset, DicomTags.VerificationFlag, DicomVR.CS, "UNVERIFIED", "Verification Flag");
        dataset.SetSequence(ObjectTags.PerformedProcedureCodeSequence, []);
        if (evidence.Length > 0)
        {
            // Hierarchical SOP Instance Reference macro: study → series → instances; all evidence is in this study.
            var study = new DicomDataset();
            DicomValues.SetUid(study, DicomTags.StudyInstanceUID, a.Study.StudyInstanceUid, "Study Instance UID");
            study.SetSequence(DicomTags.ReferencedSeriesSequence, ImageReference.GroupBySeries(evidence, DicomTags.ReferencedSOPSequence));
            dataset.SetSequence(ObjectTags.CurrentRequestedProcedureEvidenceSequence, [study]);
        }

        // SR Document Content: the root container's attributes sit in the dataset itself.
        foreach (var element in root.ToItem(relationship: null)) dataset.Set(element);

        DicomValues.DeclareCharacterSet(dataset);
        return dataset;
    }
}
