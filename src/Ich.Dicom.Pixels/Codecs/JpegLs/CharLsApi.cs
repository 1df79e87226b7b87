using System.Runtime.InteropServices;

namespace Ich.Dicom.Pixels.Codecs.JpegLs;

/// <summary>
/// The part of the CharLS 2.x C API (charls_jpegls_decoder_*) the JPEG-LS decoder uses, bound through function
/// pointers to Debian's libcharls.so.2 when first needed (no CharLS package is served on NuGet here).
/// </summary>
internal sealed unsafe class CharLsApi
{
    /// <summary>Debian's CharLS library.</summary>
    public static readonly NativeCodecLibrary Library = new("libcharls2", "libcharls.so.2", "libcharls.so", "charls");

    private CharLsApi(NativeCodecLibrary library, TransferSyntax syntax)
    {
        Create = (delegate* unmanaged[Cdecl]<nint>)library.GetExport(syntax, "charls_jpegls_decoder_create");
        Destroy = (delegate* unmanaged[Cdecl]<nint, void>)library.GetExport(syntax, "charls_jpegls_decoder_destroy");
        SetSourceBuffer = (delegate* unmanaged[Cdecl]<nint, void*, nuint, int>)library.GetExport(syntax, "charls_jpegls_decoder_set_source_buffer");
        ReadHeader = (delegate* unmanaged[Cdecl]<nint, int>)library.GetExport(syntax, "charls_jpegls_decoder_read_header");
        GetFrameInfo = (delegate* unmanaged[Cdecl]<nint, CharLsFrameInfo*, int>)library.GetExport(syntax, "charls_jpegls_decoder_get_frame_info");
        GetInterleaveMode = (delegate* unmanaged[Cdecl]<nint, int*, int>)library.GetExport(syntax, "charls_jpegls_decoder_get_interleave_mode");
        GetDestinationSize = (delegate* unmanaged[Cdecl]<nint, uint, nuint*, int>)library.GetExport(syntax, "charls_jpegls_decoder_get_destination_size");
        DecodeToBuffer = (delegate* unmanaged[Cdecl]<nint, void*, nuint, uint, int>)library.GetExport(syntax, "charls_jpegls_decoder_decode_to_buffer");
        GetErrorMessage = (delegate* unmanaged[Cdecl]<int, nint>)library.GetExport(syntax, "charls_get_error_message");
    }

    /// <summary>charls_jpegls_decoder_create.</summary>
    public delegate* unmanaged[Cdecl]<nint> Create { get; }

    /// <summary>charls_jpegls_decoder_destroy.</summary>
    public delegate* unmanaged[Cdecl]<nint, void> Destroy { get; }

    /// <summary>charls_jpegls_decoder_set_source_buffer.</summary>
    public delegate* unmanaged[Cdecl]<nint, void*, nuint, int> SetSourceBuffer { get; }

    /// <summary>charls_jpegls_decoder_read_header.</summary>
    public delegate* unmanaged[Cdecl]<nint, int> ReadHeader { get; }

    /// <summary>charls_jpegls_decoder_get_frame_info.</summary>
    public delegate* unmanaged[Cdecl]<nint, CharLsFrameInfo*, int> GetFrameInfo { get; }

    /// <summary>charls_jpegls_decoder_get_interleave_mode (0 none, 1 line, 2 sample).</summary>
    public delegate* unmanaged[Cdecl]<nint, int*, int> GetInterleaveMode { get; }

    /// <summary>charls_jpegls_decoder_get_destination_size.</summary>
    public delegate* unmanaged[Cdecl]<nint, uint, nuint*, int> GetDestinationSize { get; }

    /// <summary>charls_jpegls_decoder_decode_to_buffer.</summary>
    public delegate* unmanaged[Cdecl]<nint, void*, nuint, uint, int> DecodeToBuffer { get; }

    /// <summary>charls_get_error_message.</summary>
    public delegate* unmanaged[Cdecl]<int, nint> GetErrorMessage { get; }

    /// <summary>Binds the API, loading the library on first use.</summary>
    public static CharLsApi Bind(NativeCodecLibrary library, TransferSyntax syntax) => new(library, syntax);

    /// <summary>CharLS's own text for an error code.</summary>
    public string Describe(int error)
    {
        nint text = GetErrorMessage(error);
        return text == 0 ? $"CharLS error {error}" : Marshal.PtrToStringUTF8(text) ?? $"CharLS error {error}";
    }
}

/// <summary>charls_frame_info: width, height, bits per sample, component count.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CharLsFrameInfo
{
    /// <summary>Width in pixels.</summary>
    public uint Width;

    /// <summary>Height in pixels.</summary>
    public uint Height;

    /// <summary>Bits per sample (2..16).</summary>
    public int BitsPerSample;

    /// <summary>Number of components.</summary>
    public int ComponentCount;
}
