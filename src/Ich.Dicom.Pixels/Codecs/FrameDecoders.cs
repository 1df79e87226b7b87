using System.Collections.Concurrent;
using Ich.Dicom.Pixels.Codecs.Jpeg;
using Ich.Dicom.Pixels.Codecs.Jpeg2000;
using Ich.Dicom.Pixels.Codecs.JpegLs;
using Ich.Dicom.Pixels.Codecs.Rle;

namespace Ich.Dicom.Pixels.Codecs;

/// <summary>
/// The frame decoder for each compressed transfer syntax: RLE Lossless, JPEG baseline/extended/lossless/SV1,
/// JPEG-LS lossless/near-lossless (Debian libcharls2) and JPEG 2000 lossless/lossy (Debian libopenjp2-7).
/// Decoders are stateless and safe to share between threads; native libraries load on first use.
/// </summary>
public static class FrameDecoders
{
    private static readonly ConcurrentDictionary<TransferSyntax, IFrameDecoder> Decoders = new();

    /// <summary>The transfer syntaxes <see cref="For"/> has a decoder for.</summary>
    public static IReadOnlyList<TransferSyntax> Supported { get; } =
    [
        TransferSyntax.RLELossless,
        TransferSyntax.JPEGBaseline,
        TransferSyntax.JPEGExtended,
        TransferSyntax.JPEGLossless,
        TransferSyntax.JPEGLosslessSV1,
        TransferSyntax.JPEGLSLossless,
        TransferSyntax.JPEGLSNearLossless,
        TransferSyntax.JPEG2000Lossless,
        TransferSyntax.JPEG2000,
    ];

    /// <summary>True when <see cref="For"/> has a decoder for <paramref name="transferSyntax"/>.</summary>
    public static bool IsSupported(TransferSyntax transferSyntax) => Supported.Contains(transferSyntax);

    /// <summary>The decoder for frames of <paramref name="transferSyntax"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="transferSyntax"/> is null.</exception>
    /// <exception cref="UnsupportedTransferSyntaxException">No decoder exists for the syntax (native data needs none).</exception>
    public static IFrameDecoder For(TransferSyntax transferSyntax)
    {
        ArgumentNullException.ThrowIfNull(transferSyntax);
        if (!IsSupported(transferSyntax))
        {
            throw new UnsupportedTransferSyntaxException(
                transferSyntax,
                transferSyntax.IsEncapsulated
                    ? "no pixel decoder exists for this compression."
                    : "its pixel data is not compressed, so it needs no frame decoder.");
        }

        return Decoders.GetOrAdd(transferSyntax, Create);
    }

    private static IFrameDecoder Create(TransferSyntax syntax)
    {
        if (syntax == TransferSyntax.RLELossless)
        {
            return new RleFrameDecoder(syntax);
        }

        if (syntax == TransferSyntax.JPEGLSLossless || syntax == TransferSyntax.JPEGLSNearLossless)
        {
            return new JpegLsFrameDecoder(syntax);
        }

        if (syntax == TransferSyntax.JPEG2000Lossless || syntax == TransferSyntax.JPEG2000)
        {
            return new Jpeg2000FrameDecoder(syntax);
        }

        return new JpegFrameDecoder(syntax);
    }
}
