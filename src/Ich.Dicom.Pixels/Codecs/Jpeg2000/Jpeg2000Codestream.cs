using System.Buffers.Binary;

namespace Ich.Dicom.Pixels.Codecs.Jpeg2000;

/// <summary>Reads a JPEG 2000 frame's image header (SIZ marker, ISO 15444-1 A.5.1) without decoding it.</summary>
public static class Jpeg2000Codestream
{
    private const int SizFixedLength = 38; // Lsiz up to Csiz inclusive, counted from Lsiz

    /// <summary>
    /// The precision and signedness the codestream declares for its first component, or null when the frame holds
    /// no readable SIZ marker. Pixel Representation and the codestream sometimes disagree; pydicom and gdcm follow
    /// the codestream, and so should interpretation of the decoded values.
    /// </summary>
    /// <param name="encodedFrame">A raw J2K codestream or a JP2 file.</param>
    public static Jpeg2000SampleInfo? ReadSampleInfo(ReadOnlySpan<byte> encodedFrame)
    {
        int start = FindCodestream(encodedFrame);
        if (start < 0 || start + 4 + SizFixedLength + 3 > encodedFrame.Length)
        {
            return null;
        }

        ReadOnlySpan<byte> siz = encodedFrame[(start + 4)..];
        int componentCount = BinaryPrimitives.ReadUInt16BigEndian(siz[36..]);
        if (componentCount == 0)
        {
            return null;
        }

        byte ssiz = siz[SizFixedLength];
        return new Jpeg2000SampleInfo((ssiz & 0x7F) + 1, (ssiz & 0x80) != 0);
    }

    /// <summary>True when the frame is wrapped in a JP2 file (signature box) rather than a bare codestream.</summary>
    internal static bool IsJp2File(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0, 0, 0, 0x0C, (byte)'j', (byte)'P', 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]);

    /// <summary>The offset of the SOC+SIZ markers (FF4F FF51), searched in the first bytes for JP2 files.</summary>
    private static int FindCodestream(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> socSiz = [0xFF, 0x4F, 0xFF, 0x51];
        if (data.StartsWith(socSiz))
        {
            return 0;
        }

        return IsJp2File(data) ? data[..Math.Min(data.Length, 4096)].IndexOf(socSiz) : -1;
    }
}
