using System.Buffers.Binary;

namespace Ich.Dicom.Pixels.Codecs.Jpeg;

/// <summary>Finds which JPEG process a codestream uses by walking its marker segments up to the frame header.</summary>
internal static class JpegMarkerScanner
{
    /// <summary>
    /// Returns the start-of-frame marker code (0xC0..0xCF except DHT/JPG/DAC), or null when the data holds no JPEG
    /// frame header before its first scan.
    /// </summary>
    public static byte? FindStartOfFrame(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            return null;
        }

        int position = 2;
        while (position + 4 <= data.Length)
        {
            if (data[position] != 0xFF)
            {
                return null;
            }

            byte marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return marker;
            }

            if (marker is 0xDA or 0xD9)
            {
                return null;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                position += 2;
                continue;
            }

            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
        }

        return null;
    }
}
