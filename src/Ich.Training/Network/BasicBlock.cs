using TorchSharp;
using static TorchSharp.torch;

namespace Ich.Training.Network;

/// <summary>
/// ResNet's basic block: conv3×3-BN-ReLU-conv3×3-BN plus a shortcut, ReLU after the add. The shortcut is the
/// identity, or a strided 1×1 conv + BN when the block changes the shape.
/// </summary>
internal sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly ConvNorm first;
    private readonly ConvNorm second;
    private readonly ConvNorm? shortcut;

    /// <summary>Creates a block from <paramref name="inChannels"/> to <paramref name="outChannels"/>.</summary>
    public BasicBlock(string name, long inChannels, long outChannels, long stride)
        : base(name)
    {
        first = new ConvNorm("first", inChannels, outChannels, 3, stride);
        second = new ConvNorm("second", outChannels, outChannels, 3, 1);
        shortcut = stride != 1 || inChannels != outChannels
            ? new ConvNorm("shortcut", inChannels, outChannels, 1, stride)
            : null;
        RegisterComponents();
    }

    /// <summary>conv3×3 + BN before the inner ReLU.</summary>
    public ConvNorm First => first;

    /// <summary>conv3×3 + BN before the add.</summary>
    public ConvNorm Second => second;

    /// <summary>The projection shortcut, or null for the identity.</summary>
    public ConvNorm? Shortcut => shortcut;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var residual = second.call(nn.functional.relu(first.call(input)));
        var identity = shortcut is null ? input : shortcut.call(input);
        return nn.functional.relu(residual + identity).MoveToOuterDisposeScope();
    }
}
