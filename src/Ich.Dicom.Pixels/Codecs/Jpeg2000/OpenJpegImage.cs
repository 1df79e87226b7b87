using System.Runtime.InteropServices;

namespace Ich.Dicom.Pixels.Codecs.Jpeg2000;

/// <summary>opj_image_t of OpenJPEG 2.x (openjpeg.h), read-only here.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenJpegImage
{
    /// <summary>Image area, left.</summary>
    public uint X0;

    /// <summary>Image area, top.</summary>
    public uint Y0;

    /// <summary>Image area, right.</summary>
    public uint X1;

    /// <summary>Image area, bottom.</summary>
    public uint Y1;

    /// <summary>Number of components.</summary>
    public uint ComponentCount;

    /// <summary>OPJ_COLOR_SPACE.</summary>
    public int ColorSpace;

    /// <summary>The components.</summary>
    public OpenJpegComponent* Components;

    /// <summary>ICC profile, if any.</summary>
    public byte* IccProfile;

    /// <summary>ICC profile length.</summary>
    public uint IccProfileLength;
}

/// <summary>opj_image_comp_t of OpenJPEG 2.x (with the deprecated but still present bpp member).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenJpegComponent
{
    /// <summary>Horizontal subsampling.</summary>
    public uint Dx;

    /// <summary>Vertical subsampling.</summary>
    public uint Dy;

    /// <summary>Width.</summary>
    public uint Width;

    /// <summary>Height.</summary>
    public uint Height;

    /// <summary>Left offset.</summary>
    public uint X0;

    /// <summary>Top offset.</summary>
    public uint Y0;

    /// <summary>Precision in bits.</summary>
    public uint Precision;

    /// <summary>Deprecated copy of the precision.</summary>
    public uint Bpp;

    /// <summary>1 when the samples are signed.</summary>
    public uint Signed;

    /// <summary>Resolutions decoded.</summary>
    public uint ResolutionsDecoded;

    /// <summary>Resolution reduction factor.</summary>
    public uint Factor;

    /// <summary>The decoded samples, one int per sample.</summary>
    public int* Data;

    /// <summary>Alpha channel flag.</summary>
    public ushort Alpha;
}
