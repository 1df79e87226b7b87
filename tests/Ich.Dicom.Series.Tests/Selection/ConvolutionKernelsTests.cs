using Ich.Dicom.Series.Selection;

namespace Ich.Dicom.Series.Tests.Selection;

public sealed class ConvolutionKernelsTests
{
    [Theory]
    [InlineData("H30s")]
    [InlineData("H31s")]
    [InlineData("J30f\\3")]
    [InlineData("Hr38\\3")]
    [InlineData("STANDARD")]
    [InlineData("SOFT")]
    [InlineData("BRAIN")]
    public void Classify_SoftTissueKernel_IsSoftTissue(string kernel) =>
        Assert.Equal(KernelClass.SoftTissue, ConvolutionKernels.Classify(kernel));

    [Theory]
    [InlineData("BONE")]
    [InlineData("BONEPLUS")]
    [InlineData("LUNG")]
    [InlineData("H60s")]
    [InlineData("H70h")]
    [InlineData("J70h\\3")]
    [InlineData("Br64")]
    [InlineData("EDGE")]
    public void Classify_BoneOrLungKernel_IsSharp(string kernel) =>
        Assert.Equal(KernelClass.Sharp, ConvolutionKernels.Classify(kernel));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("FC21")]
    [InlineData("H50s")]
    [InlineData("XYZ")]
    public void Classify_UnknownKernel_IsUnknown(string? kernel) =>
        Assert.Equal(KernelClass.Unknown, ConvolutionKernels.Classify(kernel));
}
