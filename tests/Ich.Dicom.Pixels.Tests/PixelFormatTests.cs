using Ich.Dicom.Pixels.Tests.Support;

namespace Ich.Dicom.Pixels.Tests;

public sealed class PixelFormatTests
{
    [Fact]
    public void From_RealCtFixture_ReadsTheImagePixelModule()
    {
        var format = PixelFormat.From(Fixtures.Read("ct-small-explicit-le").Dataset);

        Assert.Equal(new PixelFormat(128, 128, 1, 16, 16, 15, true, "MONOCHROME2", 0), format);
        Assert.Equal(128 * 128 * 2, format.FrameLength);
    }

    [Fact]
    public void From_TwelveBitsStoredFixture_KeepsBitsStoredAndHighBit()
    {
        var format = PixelFormat.From(Fixtures.Read("nm-jpeg-extended-12bit").Dataset);

        Assert.Equal((16, 12, 11, false), (format.BitsAllocated, format.BitsStored, format.HighBit, format.IsSigned));
    }

    [Fact]
    public void From_MissingRows_ThrowsNamingRows()
    {
        var dataset = Valid();
        dataset.Remove(DicomTags.Rows);

        var error = Assert.Throws<InvalidPixelModuleException>(() => PixelFormat.From(dataset));

        Assert.Equal(DicomTags.Rows, error.Tag);
        Assert.Contains("Rows is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(64)]
    public void From_UnsupportedBitsAllocated_Throws(int bitsAllocated)
    {
        var dataset = Valid();
        dataset.SetNumbers(DicomTags.BitsAllocated, DicomVR.US, bitsAllocated);
        dataset.SetNumbers(DicomTags.BitsStored, DicomVR.US, 1);
        dataset.SetNumbers(DicomTags.HighBit, DicomVR.US, 0);

        var error = Assert.Throws<InvalidPixelModuleException>(() => PixelFormat.From(dataset));

        Assert.Equal(DicomTags.BitsAllocated, error.Tag);
    }

    [Fact]
    public void From_BitsStoredAboveBitsAllocated_Throws()
    {
        var dataset = Valid();
        dataset.SetNumbers(DicomTags.BitsStored, DicomVR.US, 20);

        var error = Assert.Throws<InvalidPixelModuleException>(() => PixelFormat.From(dataset));

        Assert.Equal(DicomTags.BitsStored, error.Tag);
        Assert.Contains("between 1 and 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_HighBitBelowBitsStored_Throws()
    {
        var dataset = Valid();
        dataset.SetNumbers(DicomTags.HighBit, DicomVR.US, 5);

        Assert.Equal(DicomTags.HighBit, Assert.Throws<InvalidPixelModuleException>(() => PixelFormat.From(dataset)).Tag);
    }

    [Fact]
    public void From_TwoSamplesPerPixel_Throws()
    {
        var dataset = Valid();
        dataset.SetNumbers(DicomTags.SamplesPerPixel, DicomVR.US, 2);

        Assert.Equal(DicomTags.SamplesPerPixel, Assert.Throws<InvalidPixelModuleException>(() => PixelFormat.From(dataset)).Tag);
    }

    [Fact]
    public void From_ZeroColumns_Throws()
    {
        var dataset = Valid();
        dataset.SetNumbers(DicomTags.Columns, DicomVR.US, 0);

        Assert.Equal(DicomTags.Columns, Assert.Throws<InvalidPixelModuleException>(() => PixelFormat.From(dataset)).Tag);
    }

    [Fact]
    public void From_OptionalAttributesAbsent_UsesDefaults()
    {
        var dataset = new DicomDataset();
        dataset.SetNumbers(DicomTags.Rows, DicomVR.US, 4);
        dataset.SetNumbers(DicomTags.Columns, DicomVR.US, 3);
        dataset.SetNumbers(DicomTags.BitsAllocated, DicomVR.US, 16);

        var format = PixelFormat.From(dataset);

        Assert.Equal(new PixelFormat(4, 3, 1, 16, 16, 15, false, "MONOCHROME2", 0), format);
    }

    [Fact]
    public void CountFrames_NumberOfFramesZero_Throws()
    {
        var dataset = Valid();
        dataset.SetNumbers(DicomTags.NumberOfFrames, DicomVR.IS, 0);

        Assert.Equal(DicomTags.NumberOfFrames, Assert.Throws<InvalidPixelModuleException>(() => PixelFrames.CountFrames(dataset)).Tag);
    }

    [Fact]
    public void CountFrames_Absent_IsOne() => Assert.Equal(1, PixelDecoder.FrameCount(Valid()));

    /// <summary>A complete 16-bit signed greyscale image pixel module, 2x2, as a CT has it.</summary>
    internal static DicomDataset Valid()
    {
        var dataset = new DicomDataset();
        dataset.SetNumbers(DicomTags.SamplesPerPixel, DicomVR.US, 1);
        dataset.Set(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        dataset.SetNumbers(DicomTags.Rows, DicomVR.US, 2);
        dataset.SetNumbers(DicomTags.Columns, DicomVR.US, 2);
        dataset.SetNumbers(DicomTags.BitsAllocated, DicomVR.US, 16);
        dataset.SetNumbers(DicomTags.BitsStored, DicomVR.US, 16);
        dataset.SetNumbers(DicomTags.HighBit, DicomVR.US, 15);
        dataset.SetNumbers(DicomTags.PixelRepresentation, DicomVR.US, 1);
        return dataset;
    }
}
