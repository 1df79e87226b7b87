using Ich.Dicom.Series.Inputs;

namespace Ich.Dicom.Series.Slices;

/// <summary>One file of a slice collection: either the slice read from it or why it was skipped (never both, never neither).</summary>
public sealed record SliceReadResult
{
    private SliceReadResult(IsolatedSlice? slice, SkippedInput? skipped)
    {
        Slice = slice;
        Skipped = skipped;
    }

    /// <summary>The slice, or null when the file was skipped.</summary>
    public IsolatedSlice? Slice { get; }

    /// <summary>Why the file was skipped, or null when it was read.</summary>
    public SkippedInput? Skipped { get; }

    /// <summary>A file read as a slice.</summary>
    public static SliceReadResult Read(IsolatedSlice slice) => new(slice ?? throw new ArgumentNullException(nameof(slice)), null);

    /// <summary>A file left out, with its reason.</summary>
    public static SliceReadResult Skip(SkippedInput skipped) => new(null, skipped ?? throw new ArgumentNullException(nameof(skipped)));
}
