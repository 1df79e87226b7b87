namespace Ich.Training.Network;

/// <summary>
/// The shape of an <see cref="IchNet"/>. Immutable; every property is checked when set, and
/// <see cref="Validate"/> checks the properties against each other (the network calls it).
/// </summary>
public sealed record IchNetConfig
{
    /// <summary>Channels of each input slice (3: the three CT windows stacked). Default 3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int InputChannels { get; init => field = Positive(value); } = 3;

    /// <summary>Output channels of the stride-2 stem convolution. Default 16.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int StemChannels { get; init => field = Positive(value); } = 16;

    /// <summary>Channels of each residual stage; the last one is the feature count F. Default [16, 32, 64, 128].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Empty, or a value not positive.</exception>
    public IReadOnlyList<int> StageChannels { get; init => field = PositiveList(value); } = [16, 32, 64, 128];

    /// <summary>Basic blocks in each stage (one count per stage). Default [1, 1, 1, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Empty, or a value not positive.</exception>
    public IReadOnlyList<int> BlocksPerStage { get; init => field = PositiveList(value); } = [1, 1, 1, 1];

    /// <summary>Hidden size H of each direction of the bidirectional GRU. Default 64.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int GruHidden { get; init => field = Positive(value); } = 64;

    /// <summary>Number of outputs per slice and per subject; <see cref="IchLabels.Names"/> has 6. Default 6.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int LabelCount { get; init => field = Positive(value); } = 6;

    /// <summary>Dropout probability on the slice features before the GRU, in [0, 1). Default 0.2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1).</exception>
    public double Dropout
    {
        get;
        init => field = value is >= 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Dropout must be in [0, 1).");
    } = 0.2;

    /// <summary>Features per slice that the encoder produces (F, the last stage's channels).</summary>
    public int FeatureCount => StageChannels[^1];

    /// <summary>Checks the properties against each other.</summary>
    /// <returns>This configuration, for chaining.</returns>
    /// <exception cref="ArgumentException">The stage lists differ in length.</exception>
    public IchNetConfig Validate()
    {
        if (StageChannels.Count != BlocksPerStage.Count)
        {
            throw new ArgumentException(
                $"StageChannels has {StageChannels.Count} stages but BlocksPerStage has {BlocksPerStage.Count}.",
                nameof(BlocksPerStage));
        }

        return this;
    }

    /// <summary>Value equality, the lists compared element by element.</summary>
    /// <param name="other">The configuration to compare with.</param>
    /// <returns>Whether every property is equal.</returns>
    public bool Equals(IchNetConfig? other) =>
        other is not null
        && InputChannels == other.InputChannels
        && StemChannels == other.StemChannels
        && StageChannels.SequenceEqual(other.StageChannels)
        && BlocksPerStage.SequenceEqual(other.BlocksPerStage)
        && GruHidden == other.GruHidden
        && LabelCount == other.LabelCount
        && Dropout.Equals(other.Dropout);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(InputChannels, StemChannels, string.Join(",", StageChannels), string.Join(",", BlocksPerStage),
            GruHidden, LabelCount, Dropout);

    private static int Positive(int value, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    private static IReadOnlyList<int> PositiveList(
        IReadOnlyList<int> value, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Count == 0 || value.Any(v => v <= 0))
        {
            throw new ArgumentOutOfRangeException(name, string.Join(", ", value), $"{name} must be non-empty and positive.");
        }

        return Array.AsReadOnly(value.ToArray());
    }
}
