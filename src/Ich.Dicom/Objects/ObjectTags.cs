namespace Ich.Dicom.Objects;

/// <summary>Tags the object builders write that <see cref="DicomTags"/> does not list (PS3.6 keywords).</summary>
internal static class ObjectTags
{
    public static readonly DicomTag InstanceCreatorUID = new(0x0008, 0x0014);
    public static readonly DicomTag ConversionType = new(0x0008, 0x0064);
    public static readonly DicomTag ReferencedPerformedProcedureStepSequence = new(0x0008, 0x1111);
    public static readonly DicomTag ReferencedInstanceSequence = new(0x0008, 0x114A);
    public static readonly DicomTag SourceImageSequence = new(0x0008, 0x2112);
    public static readonly DicomTag DeviceSerialNumber = new(0x0018, 0x1000);
    public static readonly DicomTag DateOfSecondaryCapture = new(0x0018, 0x1012);
    public static readonly DicomTag TimeOfSecondaryCapture = new(0x0018, 0x1014);
    public static readonly DicomTag SecondaryCaptureDeviceManufacturer = new(0x0018, 0x1016);
    public static readonly DicomTag SecondaryCaptureDeviceManufacturerModelName = new(0x0018, 0x1018);
    public static readonly DicomTag SecondaryCaptureDeviceSoftwareVersions = new(0x0018, 0x1019);
    public static readonly DicomTag PatientOrientation = new(0x0020, 0x0020);
    public static readonly DicomTag PositionReferenceIndicator = new(0x0020, 0x1040);
    public static readonly DicomTag WindowCenterWidthExplanation = new(0x0028, 0x1055);
    public static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);
    public static readonly DicomTag PurposeOfReferenceCodeSequence = new(0x0040, 0xA170);
    public static readonly DicomTag PerformedProcedureCodeSequence = new(0x0040, 0xA372);
    public static readonly DicomTag CurrentRequestedProcedureEvidenceSequence = new(0x0040, 0xA375);

    /// <summary>Every tag above, for the test that checks them against the data dictionary.</summary>
    public static IReadOnlyDictionary<string, DicomTag> ByKeyword { get; } = new Dictionary<string, DicomTag>
    {
        [nameof(InstanceCreatorUID)] = InstanceCreatorUID,
        [nameof(ConversionType)] = ConversionType,
        [nameof(ReferencedPerformedProcedureStepSequence)] = ReferencedPerformedProcedureStepSequence,
        [nameof(ReferencedInstanceSequence)] = ReferencedInstanceSequence,
        [nameof(SourceImageSequence)] = SourceImageSequence,
        [nameof(DeviceSerialNumber)] = DeviceSerialNumber,
        [nameof(DateOfSecondaryCapture)] = DateOfSecondaryCapture,
        [nameof(TimeOfSecondaryCapture)] = TimeOfSecondaryCapture,
        [nameof(SecondaryCaptureDeviceManufacturer)] = SecondaryCaptureDeviceManufacturer,
        [nameof(SecondaryCaptureDeviceManufacturerModelName)] = SecondaryCaptureDeviceManufacturerModelName,
        [nameof(SecondaryCaptureDeviceSoftwareVersions)] = SecondaryCaptureDeviceSoftwareVersions,
        [nameof(PatientOrientation)] = PatientOrientation,
        [nameof(PositionReferenceIndicator)] = PositionReferenceIndicator,
        [nameof(WindowCenterWidthExplanation)] = WindowCenterWidthExplanation,
        [nameof(BurnedInAnnotation)] = BurnedInAnnotation,
        [nameof(PurposeOfReferenceCodeSequence)] = PurposeOfReferenceCodeSequence,
        [nameof(PerformedProcedureCodeSequence)] = PerformedProcedureCodeSequence,
        [nameof(CurrentRequestedProcedureEvidenceSequence)] = CurrentRequestedProcedureEvidenceSequence,
    };
}
