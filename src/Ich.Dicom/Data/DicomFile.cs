namespace Ich.Dicom;

/// <summary>A DICOM file: the file meta information (group 0002), the dataset, and the transfer syntax of the dataset.</summary>
public sealed class DicomFile
{
    /// <summary>This library's Implementation Class UID (a UUID-derived 2.25 UID, PS3.5 B.2).</summary>
    public const string ImplementationClassUid = "2.25.178472098016632465539683214920946415729";

    /// <summary>This library's Implementation Version Name (at most 16 characters).</summary>
    public const string ImplementationVersionName = "ICH_DICOM_1";

    /// <summary>Creates a file from its parts.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, TransferSyntax transferSyntax)
    {
        ArgumentNullException.ThrowIfNull(fileMetaInformation);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        FileMetaInformation = fileMetaInformation;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
    }

    /// <summary>The file meta information (group 0002); empty for a bare dataset read without meta.</summary>
    public DicomDataset FileMetaInformation { get; }

    /// <summary>The dataset (everything after the meta group).</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the dataset was read in (or will be written in).</summary>
    public TransferSyntax TransferSyntax { get; }

    /// <summary>
    /// Wraps <paramref name="dataset"/> in a file with meta information filled from it: version, Media Storage SOP
    /// Class/Instance UID (from SOP Class/Instance UID), transfer syntax, and this library's implementation UID and
    /// version name.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DicomFile Create(DicomDataset dataset, TransferSyntax transferSyntax)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        var meta = new DicomDataset();
        meta.SetBytes(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 });
        if (dataset.GetString(DicomTags.SOPClassUID) is { } sopClass) meta.Set(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, sopClass);
        if (dataset.GetString(DicomTags.SOPInstanceUID) is { } sopInstance) meta.Set(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstance);
        meta.Set(DicomTags.TransferSyntaxUID, DicomVR.UI, transferSyntax.Uid);
        meta.Set(DicomTags.ImplementationClassUID, DicomVR.UI, ImplementationClassUid);
        meta.Set(DicomTags.ImplementationVersionName, DicomVR.SH, ImplementationVersionName);
        return new DicomFile(meta, dataset, transferSyntax);
    }
}
