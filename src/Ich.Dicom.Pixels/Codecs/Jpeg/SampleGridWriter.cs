using JpegLibrary;

namespace Ich.Dicom.Pixels.Codecs.Jpeg;

/// <summary>
/// Receives JpegLibrary's decoded 8x8 blocks (already inverse-transformed, level-shifted and upsampled to full
/// resolution) and stores them, clamped to the sample range, as interleaved samples.
/// </summary>
internal sealed class SampleGridWriter(ushort[] samples, int width, int height, int components, int precision) : JpegBlockOutputWriter
{
    private readonly int _max = (1 << precision) - 1;

    /// <inheritdoc />
    public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
    {
        if (x >= width || y >= height || componentIndex >= components)
        {
            return; // blocks that only cover the padding to a whole MCU
        }

        Span<short> block = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref blockRef, 64);
        int columns = Math.Min(8, width - x);
        int rows = Math.Min(8, height - y);
        for (int row = 0; row < rows; row++)
        {
            int target = ((((y + row) * width) + x) * components) + componentIndex;
            for (int column = 0; column < columns; column++, target += components)
            {
                samples[target] = (ushort)Math.Clamp((int)block[(row * 8) + column], 0, _max);
            }
        }
    }
}
