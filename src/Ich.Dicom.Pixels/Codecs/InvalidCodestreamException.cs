namespace Ich.Dicom.Pixels.Codecs;

/// <summary>
/// Raised by the codec cores, which do not know the transfer syntax; each frame decoder turns it into a
/// <see cref="PixelDecodingException"/> that names the syntax.
/// </summary>
internal sealed class InvalidCodestreamException(string message) : Exception(message);
