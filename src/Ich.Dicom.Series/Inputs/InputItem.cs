namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// One candidate file of an upload, by reference: <see cref="SourceName"/> is both the name reports show and the
/// reference <see cref="Upload"/> reads the bytes from again, so the item serialises as two plain values.
/// </summary>
/// <param name="SourceName">A path relative to the upload (<c>series/IM-0001.dcm</c>), a file or stream name, or
/// <c>archive.zip!entry/name</c> for an archive entry; prefixed with the source's name when an upload has several.</param>
/// <param name="Length">Size in bytes (inflated, for an archive entry).</param>
public sealed record InputItem(string SourceName, long Length)
{
    /// <inheritdoc />
    public override string ToString() => SourceName;
}
