namespace Ich.Dicom.Objects;

/// <summary>A reference to one image of the same study: its series, SOP class and SOP instance.</summary>
/// <param name="SeriesInstanceUid">The Series Instance UID of the referenced image.</param>
/// <param name="SopClassUid">Its SOP Class UID, e.g. <see cref="SopClassUids.CtImageStorage"/>.</param>
/// <param name="SopInstanceUid">Its SOP Instance UID.</param>
public sealed record ImageReference(string SeriesInstanceUid, string SopClassUid, string SopInstanceUid)
{
    /// <summary>A Referenced SOP Class/Instance UID item (the SOP Instance Reference macro).</summary>
    internal DicomDataset ToSopItem()
    {
        var item = new DicomDataset();
        DicomValues.SetUid(item, DicomTags.ReferencedSOPClassUID, SopClassUid, "Referenced SOP Class UID");
        DicomValues.SetUid(item, DicomTags.ReferencedSOPInstanceUID, SopInstanceUid, "Referenced SOP Instance UID");
        return item;
    }

    /// <summary>
    /// A Referenced Series Sequence (0008,1115) whose items list <paramref name="images"/> grouped by series, each
    /// image in <paramref name="instanceSequence"/> (PS3.3 C.12.2 uses Referenced Instance Sequence, the Hierarchical
    /// SOP Instance Reference macro uses Referenced SOP Sequence). Duplicates are listed once.
    /// </summary>
    internal static DicomDataset[] GroupBySeries(IEnumerable<ImageReference> images, DicomTag instanceSequence) =>
        images.Distinct()
            .GroupBy(image => image.SeriesInstanceUid, StringComparer.Ordinal)
            .Select(series =>
            {
                var item = new DicomDataset();
                DicomValues.SetUid(item, DicomTags.SeriesInstanceUID, series.Key, "Referenced Series Instance UID");
                item.SetSequence(instanceSequence, series.Select(image => image.ToSopItem()));
                return item;
            })
            .ToArray();
}
