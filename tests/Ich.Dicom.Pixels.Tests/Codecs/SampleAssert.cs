namespace Ich.Dicom.Pixels.Tests.Codecs;

/// <summary>Compares decoded frames sample by sample, reporting where they differ.</summary>
internal static class SampleAssert
{
    /// <summary>Every sample equal (lossless codecs).</summary>
    public static void Identical(byte[] expected, byte[] actual) => Within(expected, actual, bytesPerSample: 1, tolerance: 0);

    /// <summary>Every sample within <paramref name="tolerance"/> of the reference (lossy codecs: IDCT rounding).</summary>
    public static void Within(byte[] expected, byte[] actual, int bytesPerSample, int tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        int samples = expected.Length / bytesPerSample;
        int worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < samples; i++)
        {
            int difference = Math.Abs(Read(expected, i, bytesPerSample) - Read(actual, i, bytesPerSample));
            if (difference > worst)
            {
                worst = difference;
                worstIndex = i;
            }
        }

        Assert.True(worst <= tolerance, $"Sample {worstIndex} differs from the reference by {worst} (allowed {tolerance}).");
    }

    private static int Read(byte[] bytes, int index, int bytesPerSample) =>
        bytesPerSample == 1 ? bytes[index] : bytes[2 * index] | (bytes[(2 * index) + 1] << 8);
}
