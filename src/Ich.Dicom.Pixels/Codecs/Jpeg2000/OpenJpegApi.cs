namespace Ich.Dicom.Pixels.Codecs.Jpeg2000;

/// <summary>
/// The part of the OpenJPEG 2.x C API (opj_*) the JPEG 2000 decoder uses, bound through function pointers to
/// Debian's libopenjp2.so.7 when first needed (no JPEG 2000 package is served on NuGet here).
/// </summary>
internal sealed unsafe class OpenJpegApi
{
    /// <summary>Debian's OpenJPEG library.</summary>
    public static readonly NativeCodecLibrary Library = new("libopenjp2-7", "libopenjp2.so.7", "libopenjp2.so", "openjp2");

    private OpenJpegApi(NativeCodecLibrary library, TransferSyntax syntax)
    {
        nint Export(string name) => library.GetExport(syntax, name);
        StreamCreate = (delegate* unmanaged[Cdecl]<nuint, int, nint>)Export("opj_stream_create");
        StreamDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Export("opj_stream_destroy");
        StreamSetReadFunction = (delegate* unmanaged[Cdecl]<nint, nint, void>)Export("opj_stream_set_read_function");
        StreamSetSkipFunction = (delegate* unmanaged[Cdecl]<nint, nint, void>)Export("opj_stream_set_skip_function");
        StreamSetSeekFunction = (delegate* unmanaged[Cdecl]<nint, nint, void>)Export("opj_stream_set_seek_function");
        StreamSetUserData = (delegate* unmanaged[Cdecl]<nint, void*, nint, void>)Export("opj_stream_set_user_data");
        StreamSetUserDataLength = (delegate* unmanaged[Cdecl]<nint, ulong, void>)Export("opj_stream_set_user_data_length");
        CreateDecompress = (delegate* unmanaged[Cdecl]<int, nint>)Export("opj_create_decompress");
        SetDefaultDecoderParameters = (delegate* unmanaged[Cdecl]<void*, void>)Export("opj_set_default_decoder_parameters");
        SetupDecoder = (delegate* unmanaged[Cdecl]<nint, void*, int>)Export("opj_setup_decoder");
        SetErrorHandler = (delegate* unmanaged[Cdecl]<nint, nint, void*, int>)Export("opj_set_error_handler");
        ReadHeader = (delegate* unmanaged[Cdecl]<nint, nint, OpenJpegImage**, int>)Export("opj_read_header");
        DecodeImage = (delegate* unmanaged[Cdecl]<nint, nint, OpenJpegImage*, int>)Export("opj_decode");
        EndDecompress = (delegate* unmanaged[Cdecl]<nint, nint, int>)Export("opj_end_decompress");
        DestroyCodec = (delegate* unmanaged[Cdecl]<nint, void>)Export("opj_destroy_codec");
        ImageDestroy = (delegate* unmanaged[Cdecl]<OpenJpegImage*, void>)Export("opj_image_destroy");
    }

    /// <summary>opj_stream_create(buffer size, is input).</summary>
    public delegate* unmanaged[Cdecl]<nuint, int, nint> StreamCreate { get; }

    /// <summary>opj_stream_destroy.</summary>
    public delegate* unmanaged[Cdecl]<nint, void> StreamDestroy { get; }

    /// <summary>opj_stream_set_read_function.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint, void> StreamSetReadFunction { get; }

    /// <summary>opj_stream_set_skip_function.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint, void> StreamSetSkipFunction { get; }

    /// <summary>opj_stream_set_seek_function.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint, void> StreamSetSeekFunction { get; }

    /// <summary>opj_stream_set_user_data(stream, data, free function).</summary>
    public delegate* unmanaged[Cdecl]<nint, void*, nint, void> StreamSetUserData { get; }

    /// <summary>opj_stream_set_user_data_length.</summary>
    public delegate* unmanaged[Cdecl]<nint, ulong, void> StreamSetUserDataLength { get; }

    /// <summary>opj_create_decompress(codec format: 0 J2K codestream, 2 JP2 file).</summary>
    public delegate* unmanaged[Cdecl]<int, nint> CreateDecompress { get; }

    /// <summary>opj_set_default_decoder_parameters.</summary>
    public delegate* unmanaged[Cdecl]<void*, void> SetDefaultDecoderParameters { get; }

    /// <summary>opj_setup_decoder.</summary>
    public delegate* unmanaged[Cdecl]<nint, void*, int> SetupDecoder { get; }

    /// <summary>opj_set_error_handler.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint, void*, int> SetErrorHandler { get; }

    /// <summary>opj_read_header.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint, OpenJpegImage**, int> ReadHeader { get; }

    /// <summary>opj_decode.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint, OpenJpegImage*, int> DecodeImage { get; }

    /// <summary>opj_end_decompress.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint, int> EndDecompress { get; }

    /// <summary>opj_destroy_codec.</summary>
    public delegate* unmanaged[Cdecl]<nint, void> DestroyCodec { get; }

    /// <summary>opj_image_destroy.</summary>
    public delegate* unmanaged[Cdecl]<OpenJpegImage*, void> ImageDestroy { get; }

    /// <summary>Binds the API, loading the library on first use.</summary>
    public static OpenJpegApi Bind(NativeCodecLibrary library, TransferSyntax syntax) => new(library, syntax);
}
