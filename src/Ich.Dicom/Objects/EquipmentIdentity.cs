namespace Ich.Dicom.Objects;

/// <summary>The General Equipment module: what made the object (the scanner for CT, this product for derived objects).</summary>
/// <param name="Manufacturer">Manufacturer (0008,0070); may be empty.</param>
public sealed record EquipmentIdentity(string Manufacturer)
{
    /// <summary>Manufacturer's Model Name (0008,1090); not written when null.</summary>
    public string? ModelName { get; init; }

    /// <summary>Software Versions (0018,1020), e.g. the product and model versions; not written when empty.</summary>
    public IReadOnlyList<string> SoftwareVersions { get; init; } = [];

    /// <summary>Institution Name (0008,0080); not written when null.</summary>
    public string? InstitutionName { get; init; }

    /// <summary>Device Serial Number (0018,1000); not written when null.</summary>
    public string? DeviceSerialNumber { get; init; }

    internal void WriteTo(DicomDataset dataset)
    {
        DicomValues.SetText(dataset, DicomTags.Manufacturer, DicomVR.LO, Manufacturer, "Manufacturer");
        DicomValues.SetOptionalText(dataset, DicomTags.InstitutionName, DicomVR.LO, InstitutionName, "Institution Name");
        DicomValues.SetOptionalText(dataset, DicomTags.ManufacturerModelName, DicomVR.LO, ModelName, "Manufacturer's Model Name");
        DicomValues.SetOptionalText(dataset, ObjectTags.DeviceSerialNumber, DicomVR.LO, DeviceSerialNumber, "Device Serial Number");
        if (SoftwareVersions.Count > 0) DicomValues.SetTexts(dataset, DicomTags.SoftwareVersions, DicomVR.LO, SoftwareVersions, "Software Versions");
    }
}
