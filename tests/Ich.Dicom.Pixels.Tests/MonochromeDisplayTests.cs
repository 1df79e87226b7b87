using System.Runtime.InteropServices;
using Ich.Dicom.Pixels.Tests.Support;

namespace Ich.Dicom.Pixels.Tests;

public sealed class MonochromeDisplayTests
{
    [Fact]
    public void ToMonochrome2_Monochrome1Fixture_FlipsWithinTheSignedRange()
    {
        var frames = PixelFrames.Open(Fixtures.Read("ct-small-monochrome1"));
        var stored = frames.DecodeFrame(0);
        var original = MemoryMarshal.Cast<byte, short>(stored).ToArray();

        var flipped = MonochromeDisplay.ToMonochrome2(stored, frames.Format);

        Assert.True(flipped);
        Assert.Equal(original.Select(v => (short)(-1 - v)), MemoryMarshal.Cast<byte, short>(stored).ToArray());
    }

    [Fact]
    public void ToMonochrome2_Unsigned12Bit_FlipsWithin0To4095()
    {
        ushort[] stored = [0, 4095, 1000];
        var format = new PixelFormat(1, 3, 1, 16, 12, 11, false, "MONOCHROME1", 0);

        MonochromeDisplay.ToMonochrome2(MemoryMarshal.AsBytes(stored.AsSpan()), format);

        Assert.Equal(new ushort[] { 4095, 0, 3095 }, stored);
    }

    [Fact]
    public void ToMonochrome2_Monochrome2_LeavesValuesUnchanged()
    {
        var frames = PixelFrames.Open(Fixtures.Read("ct-small-explicit-le"));
        var stored = frames.DecodeFrame(0);
        var before = stored.ToArray();

        Assert.False(MonochromeDisplay.ToMonochrome2(stored, frames.Format));
        Assert.Equal(before, stored);
    }
}
