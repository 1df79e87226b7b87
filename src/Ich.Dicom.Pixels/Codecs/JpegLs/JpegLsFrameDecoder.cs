using System.Buffers;

namespace Ich.Dicom.Pixels.Codecs.JpegLs;

/// <summary>
/// Decodes JPEG-LS frames (1.2.840.10008.1.2.4.80 lossless, .4.81 near-lossless) through Debian's CharLS 2.x
/// (libcharls.so.2), loaded on first use. CharLS writes 1 byte per sample up to 8 bits and 2 (native order)
/// above; colour planes of non-interleaved streams are interleaved here.
/// </summary>
internal sealed unsafe class JpegLsFrameDecoder : IFrameDecoder
{
    private const int InterleaveNone = 0;
    private readonly TransferSyntax _transferSyntax;
    private readonly Lazy<CharLsApi> _api;

    /// <summary>Creates the decoder for <paramref name="transferSyntax"/>, binding <paramref name="library"/> lazily.</summary>
    public JpegLsFrameDecoder(TransferSyntax transferSyntax, NativeCodecLibrary? library = null)
    {
        _transferSyntax = transferSyntax;
        _api = new Lazy<CharLsApi>(() => CharLsApi.Bind(library ?? CharLsApi.Library, transferSyntax));
    }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> encodedFrame, PixelFormat format, Span<byte> destination)
    {
        try
        {
            DecodedSampleWriter.ValidateDestination(format, destination);
            CharLsApi api = _api.Value;
            nint decoder = api.Create();
            if (decoder == 0)
            {
                throw new InvalidOperationException("CharLS could not create a decoder (out of memory).");
            }

            try
            {
                DecodeWith(api, decoder, encodedFrame, format, destination);
            }
            finally
            {
                api.Destroy(decoder);
            }
        }
        catch (InvalidCodestreamException e)
        {
            throw new PixelDecodingException(_transferSyntax, e.Message, e);
        }
    }

    private static void DecodeWith(CharLsApi api, nint decoder, ReadOnlySpan<byte> data, PixelFormat format, Span<byte> destination)
    {
        data = WithoutTrailingPadding(data);
        fixed (byte* source = data)
        {
            Check(api, api.SetSourceBuffer(decoder, source, (nuint)data.Length));
            Check(api, api.ReadHeader(decoder));
            CharLsFrameInfo info;
            int interleave;
            Check(api, api.GetFrameInfo(decoder, &info));
            Check(api, api.GetInterleaveMode(decoder, &interleave));
            if (info.Width != format.Columns || info.Height != format.Rows || info.ComponentCount != format.SamplesPerPixel)
            {
                throw new InvalidCodestreamException(
                    $"the frame header declares {info.Width}x{info.Height} pixels with {info.ComponentCount} component(s), but the dataset declares {format.Columns}x{format.Rows} with {format.SamplesPerPixel}.");
            }

            int bytesPerSample = info.BitsPerSample <= 8 ? 1 : 2;
            if (bytesPerSample > format.BytesPerSample)
            {
                throw new InvalidCodestreamException($"the codestream holds {info.BitsPerSample}-bit samples but the dataset allocates {format.BitsAllocated} bits.");
            }

            nuint size;
            Check(api, api.GetDestinationSize(decoder, 0, &size));
            int expected = format.PixelCount * format.SamplesPerPixel * bytesPerSample;
            if (size != (nuint)expected)
            {
                throw new InvalidCodestreamException($"CharLS needs {size} bytes for the frame; the dataset's geometry gives {expected}.");
            }

            bool planar = interleave == InterleaveNone && format.SamplesPerPixel > 1;
            bool direct = bytesPerSample == format.BytesPerSample && !planar && BitConverter.IsLittleEndian;
            byte[]? rented = direct ? null : ArrayPool<byte>.Shared.Rent(expected);
            try
            {
                Span<byte> output = direct ? destination : rented.AsSpan(0, expected);
                fixed (byte* target = output)
                {
                    Check(api, api.DecodeToBuffer(decoder, target, (nuint)expected, 0));
                }

                if (!direct)
                {
                    Rearrange(output, bytesPerSample, planar, format, destination);
                }
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }

    /// <summary>Interleaves colour planes and widens 8-bit samples to 16 where the dataset allocates 16 bits.</summary>
    private static void Rearrange(ReadOnlySpan<byte> decoded, int bytesPerSample, bool planar, PixelFormat format, Span<byte> destination)
    {
        int pixels = format.PixelCount;
        int components = format.SamplesPerPixel;
        for (int c = 0; c < components; c++)
        {
            for (int p = 0; p < pixels; p++)
            {
                int sourceIndex = planar ? (c * pixels) + p : (p * components) + c;
                int value = bytesPerSample == 1
                    ? decoded[sourceIndex]
                    : decoded[2 * sourceIndex] | (decoded[(2 * sourceIndex) + 1] << 8);
                int targetIndex = (p * components) + c;
                if (format.BytesPerSample == 1)
                {
                    destination[targetIndex] = (byte)value;
                }
                else
                {
                    destination[2 * targetIndex] = (byte)value;
                    destination[(2 * targetIndex) + 1] = (byte)(value >> 8);
                }
            }
        }
    }

    /// <summary>
    /// Returns the stream up to and including its end-of-image marker. CharLS 2.4 can loop for ever on a stream
    /// that stops early (seen here on truncated frames), so a frame that does not end in FFD9 (after the zero
    /// bytes that pad DICOM fragments to even length) is rejected before CharLS sees it.
    /// </summary>
    private static ReadOnlySpan<byte> WithoutTrailingPadding(ReadOnlySpan<byte> data)
    {
        int end = data.Length;
        while (end > 0 && data[end - 1] == 0x00)
        {
            end--;
        }

        if (end < 4 || data[end - 2] != 0xFF || data[end - 1] != 0xD9)
        {
            throw new InvalidCodestreamException("the JPEG-LS stream does not end with an end-of-image marker (FFD9): it is truncated or not JPEG-LS.");
        }

        return data[..end];
    }

    private static void Check(CharLsApi api, int error)
    {
        if (error != 0)
        {
            throw new InvalidCodestreamException($"CharLS reports: {api.Describe(error).TrimEnd('.')}.");
        }
    }
}
