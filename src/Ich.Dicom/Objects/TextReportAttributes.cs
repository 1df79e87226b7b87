namespace Ich.Dicom.Objects;

/// <summary>Everything in a text structured report: identity, title, the content tree and the evidence it is based on.</summary>
public sealed record TextReportAttributes
{
    /// <summary>The patient of the reported study.</summary>
    public required PatientIdentity Patient { get; init; }

    /// <summary>The reported study (the report is stored in it).</summary>
    public required StudyIdentity Study { get; init; }

    /// <summary>The report's own series (Modality SR).</summary>
    public required SeriesIdentity Series { get; init; }

    /// <summary>SOP Instance UID (0008,0018) of the report.</summary>
    public required string SopInstanceUid { get; init; }

    /// <summary>Instance Number (0020,0013), non-negative.</summary>
    public required int InstanceNumber { get; init; }

    /// <summary>Content Date and Time (0008,0023/0033): when the report content was made.</summary>
    public required DateTime ContentDateTime { get; init; }

    /// <summary>The document title: the root container's concept name.</summary>
    public CodedConcept Title { get; init; } = SrCodes.DiagnosticImagingReport;

    /// <summary>The items under the root container, in order (sections, findings, disclaimers, image references).</summary>
    public required IReadOnlyList<SrContentItem> Content { get; init; }

    /// <summary>
    /// The images the report is based on (Current Requested Procedure Evidence Sequence). Images referenced in the
    /// content are added automatically. A complete report needs at least one.
    /// </summary>
    public IReadOnlyList<ImageReference> Evidence { get; init; } = [];

    /// <summary>True for a complete report (Completion Flag COMPLETE), false for PARTIAL.</summary>
    public bool IsComplete { get; init; } = true;

    /// <summary>The software that wrote the report.</summary>
    public EquipmentIdentity Equipment { get; init; } = new(string.Empty);
}
