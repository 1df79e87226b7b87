namespace Ich.Dicom.Objects;

/// <summary>
/// Coded concepts for the product's reports, checked against the DICOM content mapping resource (PS3.16) as shipped
/// in pydicom's concept dictionary: DCM codes, LOINC (LN) document titles, SNOMED CT (SCT) findings, UCUM units.
/// </summary>
public static class SrCodes
{
    /// <summary>(18748-4, LN, "Diagnostic Imaging Report"): the document title.</summary>
    public static CodedConcept DiagnosticImagingReport { get; } = new("18748-4", "LN", "Diagnostic Imaging Report");

    /// <summary>(121070, DCM, "Findings"): a section heading.</summary>
    public static CodedConcept Findings { get; } = new("121070", "DCM", "Findings");

    /// <summary>(121071, DCM, "Finding"): one finding.</summary>
    public static CodedConcept Finding { get; } = new("121071", "DCM", "Finding");

    /// <summary>(121072, DCM, "Impressions"): a section heading.</summary>
    public static CodedConcept Impressions { get; } = new("121072", "DCM", "Impressions");

    /// <summary>(121073, DCM, "Impression"): one impression.</summary>
    public static CodedConcept Impression { get; } = new("121073", "DCM", "Impression");

    /// <summary>(121076, DCM, "Conclusions"): a section heading.</summary>
    public static CodedConcept Conclusions { get; } = new("121076", "DCM", "Conclusions");

    /// <summary>(121106, DCM, "Comment"): e.g. the decision-support disclaimer.</summary>
    public static CodedConcept Comment { get; } = new("121106", "DCM", "Comment");

    /// <summary>(111001, DCM, "Algorithm Name").</summary>
    public static CodedConcept AlgorithmName { get; } = new("111001", "DCM", "Algorithm Name");

    /// <summary>(111003, DCM, "Algorithm Version").</summary>
    public static CodedConcept AlgorithmVersion { get; } = new("111003", "DCM", "Algorithm Version");

    /// <summary>(122157, DCM, "Probability").</summary>
    public static CodedConcept Probability { get; } = new("122157", "DCM", "Probability");

    /// <summary>(121112, DCM, "Source of Measurement"): names an image a finding comes from.</summary>
    public static CodedConcept SourceOfMeasurement { get; } = new("121112", "DCM", "Source of Measurement");

    /// <summary>(1386000, SCT, "Intracranial hemorrhage").</summary>
    public static CodedConcept IntracranialHemorrhage { get; } = new("1386000", "SCT", "Intracranial hemorrhage");

    /// <summary>(52101004, SCT, "Present").</summary>
    public static CodedConcept Present { get; } = new("52101004", "SCT", "Present");

    /// <summary>(272519000, SCT, "Absent").</summary>
    public static CodedConcept Absent { get; } = new("272519000", "SCT", "Absent");

    /// <summary>(1, UCUM, "no units"): the unit of a probability.</summary>
    public static CodedConcept NoUnits { get; } = new("1", "UCUM", "no units");
}
