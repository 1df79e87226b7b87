using Ich.Dicom.Pixels.Codecs;
using Ich.Dicom.Pixels.Tests.Support;
using Ich.Testing;

namespace Ich.Dicom.Pixels.Tests.Codecs;

/// <summary>One compressed frame of a real fixture, with the dataset's pixel format and transfer syntax.</summary>
internal sealed record EncodedFrame(byte[] Data, PixelFormat Format, TransferSyntax TransferSyntax)
{
    /// <summary>Decodes the frame with the registry's decoder for its transfer syntax.</summary>
    public byte[] Decode() => DecodeAs(TransferSyntax);

    /// <summary>Decodes the frame with the decoder of <paramref name="syntax"/>.</summary>
    public byte[] DecodeAs(TransferSyntax syntax)
    {
        var destination = new byte[Format.FrameLength];
        FrameDecoders.For(syntax).Decode(Data, Format, destination);
        return destination;
    }

    /// <summary>A copy with the codestream replaced (for corrupt-input tests).</summary>
    public EncodedFrame WithData(byte[] data) => this with { Data = data };
}

/// <summary>
/// Fixtures for the codec tests: the shared real files in tests/data/dicom (by folder name) and the codec-level
/// files in Codecs/Data (by file name ending in .dcm; see Codecs/Data/SOURCE.md for how each was made).
/// </summary>
internal static class CodecFixtures
{
    /// <summary>The full path of a fixture: a tests/data/dicom folder name, or a Codecs/Data file name.</summary>
    public static string PathOf(string fixture) =>
        fixture.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase)
            ? RepositoryPaths.Combine("tests", "Ich.Dicom.Pixels.Tests", "Codecs", "Data", fixture)
            : Fixtures.PathOf(Fixtures.SingleFile(fixture));

    /// <summary>Frame <paramref name="frame"/> (0-based) of a fixture, still compressed.</summary>
    public static EncodedFrame Frame(string fixture, int frame = 0)
    {
        var frames = PixelFrames.Open(DicomReader.Read(PathOf(fixture)));
        return new EncodedFrame(frames.GetEncodedFrame(frame).ToArray(), frames.Format, frames.TransferSyntax);
    }
}
