using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ich.Training.Network;

/// <summary>A bias-free convolution followed by batch normalization: the unit the ONNX export folds into one Conv.</summary>
internal sealed class ConvNorm : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d norm;

    /// <summary>Creates the pair; padding keeps the size for 3×3 (padding 1) and 1×1 (padding 0) kernels.</summary>
    public ConvNorm(string name, long inChannels, long outChannels, long kernelSize, long stride)
        : base(name)
    {
        conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: kernelSize / 2, bias: false);
        norm = nn.BatchNorm2d(outChannels, eps: Epsilon);
        RegisterComponents();
    }

    /// <summary>The batch normalization epsilon (PyTorch's default), kept here because the export folds it.</summary>
    public const double Epsilon = 1e-5;

    /// <summary>Running-statistics momentum (PyTorch's default).</summary>
    public const double Momentum = 0.1;

    /// <summary>The convolution.</summary>
    public Conv2d Conv => conv;

    /// <summary>The batch normalization after it.</summary>
    public BatchNorm2d Norm => norm;

    /// <summary>Stride of the convolution.</summary>
    public long Stride => conv.stride[0];

    /// <summary>Kernel size of the (square) convolution.</summary>
    public long KernelSize => conv.kernel_size[0];

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var convolved = conv.call(input);
        // BatchNorm2d.forward bumps num_batches_tracked with an implicit Scalar temporary that the GC may finalize
        // while libtorch still reads it (seen here as a random "toLong" failure after ~100 steps under allocation
        // pressure). The functional form takes momentum and epsilon as plain doubles and updates the same running
        // statistics in place; num_batches_tracked only matters when momentum is 0, which it is not.
        return nn.functional.batch_norm(convolved, norm.running_mean, norm.running_var, norm.weight, norm.bias, training, Momentum, Epsilon);
    }
}
