using System.Runtime.InteropServices;

namespace Ich.Dicom.Pixels.Codecs.Jpeg2000;

/// <summary>
/// Decodes JPEG 2000 frames (1.2.840.10008.1.2.4.90 lossless, .4.91) through Debian's OpenJPEG 2.x
/// (libopenjp2.so.7), loaded on first use. OpenJPEG applies the inverse colour transform (RCT/ICT) itself; the
/// values are written as the codestream gives them, in two's complement when it says they are signed
/// (see <see cref="Jpeg2000Codestream.ReadSampleInfo"/>).
/// </summary>
internal sealed unsafe class Jpeg2000FrameDecoder : IFrameDecoder
{
    private const int CodecJ2k = 0;
    private const int CodecJp2 = 2;
    private const nuint StreamChunkSize = 1 << 20;
    private const int DecoderParametersSize = 1 << 14; // opj_dparameters_t is ~8.3 KB in 2.x; treated as opaque

    private readonly TransferSyntax _transferSyntax;
    private readonly Lazy<OpenJpegApi> _api;

    /// <summary>Creates the decoder for <paramref name="transferSyntax"/>, binding <paramref name="library"/> lazily.</summary>
    public Jpeg2000FrameDecoder(TransferSyntax transferSyntax, NativeCodecLibrary? library = null)
    {
        _transferSyntax = transferSyntax;
        _api = new Lazy<OpenJpegApi>(() => OpenJpegApi.Bind(library ?? OpenJpegApi.Library, transferSyntax));
    }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> encodedFrame, PixelFormat format, Span<byte> destination)
    {
        try
        {
            DecodedSampleWriter.ValidateDestination(format, destination);
            OpenJpegApi api = _api.Value;
            if (encodedFrame.Length < 2)
            {
                throw new InvalidCodestreamException("the frame is empty.");
            }

            fixed (byte* data = encodedFrame)
            {
                var state = new MemoryStreamCallbacks.State { Data = data, Length = encodedFrame.Length };
                DecodeFrom(api, &state, Jpeg2000Codestream.IsJp2File(encodedFrame) ? CodecJp2 : CodecJ2k, format, destination);
            }
        }
        catch (InvalidCodestreamException e)
        {
            throw new PixelDecodingException(_transferSyntax, e.Message, e);
        }
    }

    private static void DecodeFrom(OpenJpegApi api, MemoryStreamCallbacks.State* state, int codecFormat, PixelFormat format, Span<byte> destination)
    {
        nint stream = 0;
        nint codec = 0;
        OpenJpegImage* image = null;
        void* parameters = NativeMemory.AllocZeroed(DecoderParametersSize);
        try
        {
            stream = api.StreamCreate(StreamChunkSize, 1);
            codec = api.CreateDecompress(codecFormat);
            if (stream == 0 || codec == 0)
            {
                throw new InvalidOperationException("OpenJPEG could not create a decoder (out of memory).");
            }

            api.StreamSetReadFunction(stream, MemoryStreamCallbacks.Read);
            api.StreamSetSkipFunction(stream, MemoryStreamCallbacks.Skip);
            api.StreamSetSeekFunction(stream, MemoryStreamCallbacks.Seek);
            api.StreamSetUserData(stream, state, 0);
            api.StreamSetUserDataLength(stream, (ulong)state->Length);
            api.SetErrorHandler(codec, MemoryStreamCallbacks.Error, null);
            api.SetDefaultDecoderParameters(parameters);
            MemoryStreamCallbacks.LastError = null;
            Check(api.SetupDecoder(codec, parameters), "could not set up the decoder");
            Check(api.ReadHeader(stream, codec, &image), "the codestream header is invalid");
            ValidateImage(image, format);
            Check(api.DecodeImage(codec, stream, image), "the codestream is corrupt or truncated");
            Check(api.EndDecompress(codec, stream), "the codestream is corrupt or truncated");
            WriteSamples(image, format, destination);
        }
        finally
        {
            if (image is not null)
            {
                api.ImageDestroy(image);
            }

            if (codec != 0)
            {
                api.DestroyCodec(codec);
            }

            if (stream != 0)
            {
                api.StreamDestroy(stream);
            }

            NativeMemory.Free(parameters);
        }
    }

    private static void ValidateImage(OpenJpegImage* image, PixelFormat format)
    {
        if (image->ComponentCount != format.SamplesPerPixel)
        {
            throw new InvalidCodestreamException(
                $"the codestream holds {image->ComponentCount} component(s), but the dataset declares {format.SamplesPerPixel}.");
        }

        for (int c = 0; c < format.SamplesPerPixel; c++)
        {
            OpenJpegComponent* component = &image->Components[c];
            uint width = image->X1 - image->X0;
            uint height = image->Y1 - image->Y0;
            if (width != format.Columns || height != format.Rows || component->Dx != 1 || component->Dy != 1)
            {
                throw new InvalidCodestreamException(
                    $"the codestream declares {width}x{height} pixels (subsampling {component->Dx}x{component->Dy}), but the dataset declares {format.Columns}x{format.Rows}.");
            }

            if (component->Precision > 16 || (component->Precision > 8 && format.BitsAllocated == 8))
            {
                throw new InvalidCodestreamException(
                    $"the codestream holds {component->Precision}-bit samples but the dataset allocates {format.BitsAllocated} bits.");
            }
        }
    }

    private static void WriteSamples(OpenJpegImage* image, PixelFormat format, Span<byte> destination)
    {
        int components = format.SamplesPerPixel;
        int pixels = format.PixelCount;
        for (int c = 0; c < components; c++)
        {
            OpenJpegComponent* component = &image->Components[c];
            if (component->Data is null || component->Width * component->Height < (uint)pixels)
            {
                throw new InvalidCodestreamException("the decoder returned fewer samples than the frame holds.");
            }

            ReadOnlySpan<int> samples = new(component->Data, pixels);
            if (format.BitsAllocated == 8)
            {
                for (int p = 0, target = c; p < pixels; p++, target += components)
                {
                    destination[target] = (byte)samples[p];
                }
            }
            else
            {
                for (int p = 0, target = 2 * c; p < pixels; p++, target += 2 * components)
                {
                    int value = samples[p];
                    destination[target] = (byte)value;
                    destination[target + 1] = (byte)(value >> 8);
                }
            }
        }
    }

    private static void Check(int result, string failure)
    {
        if (result == 0)
        {
            string? detail = MemoryStreamCallbacks.LastError;
            throw new InvalidCodestreamException(detail is null ? $"{failure}." : $"{failure} (OpenJPEG: {detail.TrimEnd('.')}).");
        }
    }
}
