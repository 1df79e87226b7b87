using Ich.Training.Network;
using static TorchSharp.torch;

namespace Ich.Training.Export;

/// <summary>A convolution with its batch normalization folded in, using the running (eval-mode) statistics.</summary>
internal static class FoldedConv
{
    /// <summary>
    /// W' = W·γ/√(σ²+ε) per output channel, b' = β − μ·γ/√(σ²+ε); computed in float64 so folding adds no error of its own.
    /// </summary>
    public static (Tensor Weight, Tensor Bias) Fold(ConvNorm unit)
    {
        using var scope = NewDisposeScope();
        var norm = unit.Norm;
        var scale = norm.weight!.detach().to(float64) / (norm.running_var!.to(float64) + ConvNorm.Epsilon).sqrt();
        var weight = unit.Conv.weight!.detach().to(float64) * scale.view(-1, 1, 1, 1);
        var bias = norm.bias!.detach().to(float64) - norm.running_mean!.to(float64) * scale;
        return (weight.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }
}
