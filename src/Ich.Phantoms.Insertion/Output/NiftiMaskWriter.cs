using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Ich.Phantoms.Insertion.Output;

/// <summary>
/// Writes a label volume as NIfTI-1 (<c>.nii.gz</c>): uint8, one value per voxel. Hand-written because NIfTI-1 is a fixed
/// 348-byte header, 4 bytes of (absent) extension and the raw voxels, and no NIfTI package is served here; every tool
/// that reads masks (ITK-SNAP, 3D Slicer, nibabel) reads this. The affine maps voxel (column, row, slice) to RAS mm
/// for the image convention used here (columns towards patient left, rows towards posterior, slices superior).
/// </summary>
public static class NiftiMaskWriter
{
    /// <summary>Writes <paramref name="slices"/> (each Width × Height, row-major, inferior → superior) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<byte[]> slices, int width, int height, float pixelMm, float sliceMm, string description)
    {
        ArgumentNullException.ThrowIfNull(slices);
        var header = new byte[352];
        var s = header.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, 348);                        // sizeof_hdr
        s[38] = (byte)'r';                                                      // regular
        short[] dim = [3, (short)width, (short)height, (short)slices.Count, 1, 1, 1, 1];
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteInt16LittleEndian(s[(40 + 2 * i)..], dim[i]);
        BinaryPrimitives.WriteInt16LittleEndian(s[70..], 2);                   // datatype: DT_UINT8
        BinaryPrimitives.WriteInt16LittleEndian(s[72..], 8);                   // bitpix
        float[] pixdim = [1, pixelMm, pixelMm, sliceMm, 1, 1, 1, 1];          // qfac 1
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteSingleLittleEndian(s[(76 + 4 * i)..], pixdim[i]);
        BinaryPrimitives.WriteSingleLittleEndian(s[108..], 352);               // vox_offset
        BinaryPrimitives.WriteSingleLittleEndian(s[112..], 1);                 // scl_slope
        s[123] = 2;                                                            // xyzt_units: mm
        Encoding.ASCII.GetBytes(description.Length > 79 ? description[..79] : description).CopyTo(s[148..]);
        BinaryPrimitives.WriteInt16LittleEndian(s[254..], 2);                  // sform_code: aligned
        // RAS: x = −(patient left), so columns (towards patient left) run −x; rows (posterior) run −y.
        float[] srow = [-pixelMm, 0, 0, pixelMm * (width - 1) / 2f, 0, -pixelMm, 0, pixelMm * (height - 1) / 2f, 0, 0, sliceMm, 0];
        for (var i = 0; i < 12; i++) BinaryPrimitives.WriteSingleLittleEndian(s[(280 + 4 * i)..], srow[i]);
        "n+1\0"u8.CopyTo(s[344..]);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write(header);
        foreach (var slice in slices) gzip.Write(slice);
    }
}
