using Ich.Dicom.Objects;

namespace Ich.Dicom.Tests.Objects;

/// <summary>Made-up identities for the builder tests (a phantom patient, never a real one).</summary>
internal static class ObjectSamples
{
    public static readonly DateTime ScanTime = new(2026, 3, 14, 9, 26, 53);

    public static PatientIdentity Patient { get; } = new("Phantom^Head", "PHANTOM-0001")
    {
        BirthDate = new DateOnly(1960, 1, 2),
        Sex = "O",
    };

    public static StudyIdentity Study { get; } = new(UidGenerator.FromName("tests/study"), ScanTime)
    {
        StudyId = "1",
        AccessionNumber = "ACC-42",
        Description = "CT HEAD WITHOUT CONTRAST",
    };

    public static SeriesIdentity CtSeries { get; } = new(UidGenerator.FromName("tests/series/ct"), 2)
    {
        Description = "Head 5mm",
        SeriesDateTime = ScanTime,
    };

    public static ImageReference CtSlice(int index) =>
        new(CtSeries.SeriesInstanceUid, SopClassUids.CtImageStorage, UidGenerator.FromName($"tests/series/ct/{index}"));

    public static EquipmentIdentity Product { get; } = new("IchFunctions")
    {
        ModelName = "ICH detector",
        SoftwareVersions = ["1.0.0", "model 2026.03"],
    };
}
