namespace Ich.Dicom;

/// <summary>Options for <see cref="DicomReader"/>.</summary>
public sealed record DicomReadOptions
{
    /// <summary>The defaults: read everything, sequences nested at most 64 deep, deflated data inflated to at most 512 MiB.</summary>
    public static DicomReadOptions Default { get; } = new();

    /// <summary>
    /// Stop at Pixel Data (7FE0,0010) of the top-level dataset: a header-only read for fast series scanning.
    /// Reading from a path then reads only as much of the file as the header needs.
    /// </summary>
    public bool StopBeforePixelData { get; init; }

    /// <summary>The deepest nesting of sequences accepted; deeper input is a <see cref="DicomFormatException"/>.</summary>
    public int MaxSequenceDepth
    {
        get;
        init => field = value is > 0 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(MaxSequenceDepth), value, "The depth limit must be between 1 and 1000 (deeper recursion could exhaust the stack).");
    } = 64;

    /// <summary>The most bytes a deflated dataset may inflate to; more is a <see cref="DicomFormatException"/> (a deflate bomb).</summary>
    public int MaxInflatedBytes
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxInflatedBytes), value, "The limit must be positive.");
    } = 512 << 20;
}
