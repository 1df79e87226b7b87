using System.Runtime.InteropServices;

namespace Ich.Dicom.Pixels.Tests;

public sealed class StoredValuesTests
{
    [Fact]
    public void Normalize_Signed12BitsWithJunkAboveHighBit_SignExtends()
    {
        // 0xF800 | 0x0800: junk in bits 12-15 (overlay bits in old files) above a 12-bit -2048.
        var samples = Samples16(0xF800, 0x0FFF, 0x07FF, 0x3001, 0x0000);
        var format = Format16(bitsStored: 12, highBit: 11, signed: true);

        StoredValues.Normalize(MemoryMarshal.AsBytes(samples.AsSpan()), format);

        Assert.Equal(new short[] { -2048, -1, 2047, 1, 0 }, samples.Select(s => (short)s).ToArray());
    }

    [Fact]
    public void Normalize_Unsigned12BitsWithJunkAboveHighBit_Masks()
    {
        var samples = Samples16(0xFFFF, 0x1234);

        StoredValues.Normalize(MemoryMarshal.AsBytes(samples.AsSpan()), Format16(bitsStored: 12, highBit: 11, signed: false));

        Assert.Equal(new ushort[] { 0x0FFF, 0x0234 }, samples);
    }

    [Fact]
    public void Normalize_HighBitAboveBitsStoredMinusOne_ShiftsValuesDown()
    {
        // 12 bits stored in bits 4..15 (High Bit 15): 0xABC0 holds 0xABC.
        var samples = Samples16(0xABC0, 0x0010);

        StoredValues.Normalize(MemoryMarshal.AsBytes(samples.AsSpan()), Format16(bitsStored: 12, highBit: 15, signed: false));

        Assert.Equal(new ushort[] { 0x0ABC, 0x0001 }, samples);
    }

    [Fact]
    public void Normalize_LongBufferOnVectorPath_MatchesScalarRule()
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 1000).Select(_ => (ushort)random.Next(0, 65536)).ToArray();
        var expected = samples.Select(s => (short)((short)(s << 3) >> 3)).ToArray(); // 13 bits signed

        StoredValues.Normalize(MemoryMarshal.AsBytes(samples.AsSpan()), Format16(bitsStored: 13, highBit: 12, signed: true));

        Assert.Equal(expected, samples.Select(s => (short)s).ToArray());
    }

    [Fact]
    public void Normalize_AllBitsStored_LeavesBytesUnchanged()
    {
        var samples = Samples16(0xFFFF, 0x8000, 0x0001);
        var before = samples.ToArray();

        StoredValues.Normalize(MemoryMarshal.AsBytes(samples.AsSpan()), Format16(bitsStored: 16, highBit: 15, signed: true));

        Assert.Equal(before, samples);
    }

    [Fact]
    public void Normalize_Signed7BitsIn8_SignExtends()
    {
        byte[] samples = [0x40, 0x3F, 0xFF];
        var format = new PixelFormat(1, 3, 1, 8, 7, 6, true, "MONOCHROME2", 0);

        StoredValues.Normalize(samples, format);

        Assert.Equal(new sbyte[] { -64, 63, -1 }, samples.Select(b => (sbyte)b).ToArray());
    }

    [Fact]
    public void Normalize_Signed24BitsIn32_SignExtends()
    {
        int[] samples = [0x00800000, 0x7F7FFFFF];
        var format = new PixelFormat(1, 2, 1, 32, 24, 23, true, "MONOCHROME2", 0);

        StoredValues.Normalize(MemoryMarshal.AsBytes(samples.AsSpan()), format);

        Assert.Equal(new[] { -8388608, 8388607 }, samples);
    }

    [Fact]
    public void Normalize_OddByteCountFor16Bit_Throws() =>
        Assert.Throws<ArgumentException>(() => StoredValues.Normalize(new byte[3], Format16(12, 11, false)));

    private static ushort[] Samples16(params int[] values) => values.Select(v => (ushort)v).ToArray();

    private static PixelFormat Format16(int bitsStored, int highBit, bool signed) =>
        new(1, 1, 1, 16, bitsStored, highBit, signed, "MONOCHROME2", 0);
}
