using Ich.Dicom.Pixels.Codecs;
using Ich.Dicom.Pixels.Codecs.Jpeg2000;
using Ich.Dicom.Pixels.Frames;

namespace Ich.Dicom.Pixels;

/// <summary>
/// The frames of one DICOM file's pixel data, ready to decode: the image pixel module is checked, the frames are
/// located (native slices or encapsulated fragments) and the codec is chosen once, when the file is opened.
/// Decoded frames are in the stored-value convention of <see cref="StoredValues"/>: masked to Bits Stored,
/// sign-extended when signed, little-endian, Bits Allocated / 8 bytes per sample, colour samples interleaved.
/// </summary>
public sealed class PixelFrames
{
    private readonly ReadOnlyMemory<byte> nativeData;
    private readonly EncapsulatedPixelData? encapsulated;
    private readonly Range[]? fragmentRanges;
    private readonly IFrameDecoder? decoder;

    private PixelFrames(PixelFormat format, int frameCount, TransferSyntax transferSyntax, ReadOnlyMemory<byte> nativeData,
        EncapsulatedPixelData? encapsulated, Range[]? fragmentRanges, IFrameDecoder? decoder)
    {
        Format = format;
        FrameCount = frameCount;
        TransferSyntax = transferSyntax;
        this.nativeData = nativeData;
        this.encapsulated = encapsulated;
        this.fragmentRanges = fragmentRanges;
        this.decoder = decoder;
    }

    /// <summary>The frames' geometry and encoding.</summary>
    public PixelFormat Format { get; }

    /// <summary>How many frames the pixel data holds (Number of Frames, 1 when absent).</summary>
    public int FrameCount { get; }

    /// <summary>The transfer syntax the pixel data is encoded in.</summary>
    public TransferSyntax TransferSyntax { get; }

    /// <summary>Bytes of all decoded frames together.</summary>
    public long TotalLength => (long)Format.FrameLength * FrameCount;

    /// <summary>Checks <paramref name="file"/>'s pixel module and pixel data and prepares its frames for decoding.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    /// <exception cref="InvalidPixelModuleException">The image pixel module is missing an attribute or is impossible.</exception>
    /// <exception cref="PixelDataException">Pixel Data is missing, too short, or its fragments do not match the frames.</exception>
    /// <exception cref="DicomException">The transfer syntax has no decoder (a subclass says why).</exception>
    public static PixelFrames Open(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var dataset = file.Dataset;
        var format = PixelFormat.From(dataset);
        var frameCount = CountFrames(dataset);
        var transferSyntax = file.TransferSyntax;

        if (!dataset.TryGet(DicomTags.PixelData, out var pixelData))
        {
            throw new PixelDataException("The dataset has no Pixel Data (7FE0,0010) (or it was read with StopBeforePixelData).");
        }

        if (pixelData.Fragments is { } fragments)
        {
            var ranges = EncapsulatedFrameLocator.Locate(fragments, frameCount, transferSyntax);
            return new PixelFrames(format, frameCount, transferSyntax, default, fragments, ranges, FrameDecoders.For(transferSyntax));
        }

        if (transferSyntax.IsEncapsulated)
        {
            throw new PixelDataException($"The transfer syntax is {transferSyntax.Name} ({transferSyntax.Uid}) but Pixel Data is not encapsulated in fragments.");
        }

        if (format.SamplesPerPixel == 3 && format.PhotometricInterpretation.EndsWith("_422", StringComparison.Ordinal))
        {
            throw new InvalidPixelModuleException(DicomTags.PhotometricInterpretation,
                $"native (uncompressed) {format.PhotometricInterpretation} pixel data is chroma-subsampled; it is not supported.");
        }

        NativeFrames.CheckLength(pixelData.RawValue, format, frameCount);
        var samples = NativeFrames.ToLittleEndianSamples(pixelData, format, transferSyntax);
        return new PixelFrames(format, frameCount, transferSyntax, samples, null, null, null);
    }

    /// <summary>Number of Frames (0028,0008) of <paramref name="dataset"/>: 1 when absent or empty.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="InvalidPixelModuleException">Number of Frames is below 1.</exception>
    public static int CountFrames(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var frames = dataset.GetInt32(DicomTags.NumberOfFrames) ?? 1;
        if (frames < 1)
        {
            throw new InvalidPixelModuleException(DicomTags.NumberOfFrames, $"Number of Frames is {frames}; it must be at least 1.");
        }

        return frames;
    }

    /// <summary>Decodes frame <paramref name="frame"/> (0-based) into <paramref name="destination"/>.</summary>
    /// <param name="frame">The 0-based frame index.</param>
    /// <param name="destination">Receives exactly <see cref="PixelFormat.FrameLength"/> bytes of stored values.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is not a frame of this file.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not one frame long.</exception>
    /// <exception cref="DicomException">The frame's codestream is corrupt (a subclass says why).</exception>
    public void DecodeFrame(int frame, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, FrameCount);
        if (destination.Length != Format.FrameLength)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; one frame needs {Format.FrameLength}.", nameof(destination));
        }

        if (decoder is null)
        {
            NativeFrames.Copy(nativeData, Format, frame, destination);
        }
        else
        {
            var encoded = GetEncodedFrame(frame).Span;
            decoder.Decode(encoded, Format, destination);
            if (IsJpeg2000)
            {
                StoredValues.Normalize(destination, Jpeg2000StoredFormat(encoded));
                return;
            }
        }

        StoredValues.Normalize(destination, Format);
    }

    /// <summary>Decodes frame <paramref name="frame"/> (0-based) into a new array.</summary>
    /// <inheritdoc cref="DecodeFrame(int, Span{byte})" path="/exception"/>
    public byte[] DecodeFrame(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, FrameCount);
        var destination = new byte[Format.FrameLength];
        DecodeFrame(frame, destination);
        return destination;
    }

    /// <summary>Decodes every frame, in order, into one new array.</summary>
    /// <exception cref="PixelDataException">All frames together are larger than 2 GiB.</exception>
    /// <exception cref="DicomException">A frame's codestream is corrupt (a subclass says why).</exception>
    public byte[] DecodeAllFrames()
    {
        if (TotalLength > Array.MaxLength)
        {
            throw new PixelDataException($"{FrameCount} frames of {Format.FrameLength} bytes do not fit in one array; decode them one at a time.");
        }

        var destination = new byte[TotalLength];
        for (var frame = 0; frame < FrameCount; frame++)
        {
            DecodeFrame(frame, destination.AsSpan(frame * Format.FrameLength, Format.FrameLength));
        }

        return destination;
    }

    private bool IsJpeg2000 => TransferSyntax == TransferSyntax.JPEG2000Lossless || TransferSyntax == TransferSyntax.JPEG2000;

    /// <summary>
    /// The format to normalize a JPEG 2000 frame with. Some writers declare fewer Bits Stored than the codestream's
    /// precision (pydicom issue 693: 14 declared, 16 coded); masking to the header's width would clip real values,
    /// so the wider codestream precision wins. The sign stays the header's (Pixel Representation), which is how
    /// pydicom reads a codestream that says unsigned under a signed header (issue 1149).
    /// </summary>
    private PixelFormat Jpeg2000StoredFormat(ReadOnlySpan<byte> encoded) =>
        Jpeg2000Codestream.ReadSampleInfo(encoded) is { } info && info.Precision > Format.BitsStored && info.Precision <= Format.BitsAllocated
            ? Format with { BitsStored = info.Precision, HighBit = info.Precision - 1 }
            : Format;

    /// <summary>The encoded codestream of an encapsulated frame: its fragments, joined when there are several.</summary>
    internal ReadOnlyMemory<byte> GetEncodedFrame(int frame)
    {
        if (encapsulated is null || fragmentRanges is null)
        {
            throw new InvalidOperationException("The pixel data is native; it has no encoded frames.");
        }

        var (first, count) = fragmentRanges[frame].GetOffsetAndLength(encapsulated.Fragments.Count);
        if (count == 1) return encapsulated.Fragments[first];

        var length = 0L;
        for (var i = first; i < first + count; i++) length += encapsulated.Fragments[i].Length;
        var joined = new byte[length];
        var position = 0;
        for (var i = first; i < first + count; i++)
        {
            encapsulated.Fragments[i].Span.CopyTo(joined.AsSpan(position));
            position += encapsulated.Fragments[i].Length;
        }

        return joined;
    }
}
