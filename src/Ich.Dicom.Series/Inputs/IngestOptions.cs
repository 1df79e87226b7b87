namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// Limits that protect the Ingest stage from hostile or broken uploads (zip bombs, huge trees).
/// Every limit is checked on the bytes actually read or inflated, never on sizes an archive declares.
/// </summary>
/// <remarks>
/// Defaults: <see cref="MaxEntries"/> 20,000 files or archive entries (a head CT study has a few hundred to a few
/// thousand instances); <see cref="MaxEntryBytes"/> 256 MiB per file or entry (a 512×512 16-bit slice is 0.5 MiB;
/// multi-frame objects stay well below); <see cref="MaxTotalBytes"/> 4 GiB inflated from archives in one upload;
/// <see cref="MaxCompressionRatio"/> 200 (DICOM CT deflates 2–10×, a blank synthetic slice a few hundred ×; zip
/// bombs reach 1,000×+), enforced once an entry has inflated <see cref="RatioCheckMinimumBytes"/> (4 MiB) so
/// that small, highly compressible files are not rejected.
/// </remarks>
public sealed record IngestOptions
{
    private readonly int _maxEntries = 20_000;
    private readonly long _maxEntryBytes = 256L << 20;
    private readonly long _maxTotalBytes = 4L << 30;
    private readonly double _maxCompressionRatio = 200;
    private readonly long _ratioCheckMinimumBytes = 4L << 20;

    /// <summary>The defaults documented on the type.</summary>
    public static IngestOptions Default { get; } = new();

    /// <summary>Most files plus archive entries one upload may hold.</summary>
    public int MaxEntries
    {
        get => _maxEntries;
        init => _maxEntries = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEntries), value, "Must be positive.");
    }

    /// <summary>Largest size in bytes of one file, or of one archive entry once inflated.</summary>
    public long MaxEntryBytes
    {
        get => _maxEntryBytes;
        init => _maxEntryBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEntryBytes), value, "Must be positive.");
    }

    /// <summary>Largest total of bytes inflated from all archives of one upload.</summary>
    public long MaxTotalBytes
    {
        get => _maxTotalBytes;
        init => _maxTotalBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxTotalBytes), value, "Must be positive.");
    }

    /// <summary>Largest ratio of inflated to compressed bytes of one archive entry.</summary>
    public double MaxCompressionRatio
    {
        get => _maxCompressionRatio;
        init => _maxCompressionRatio = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxCompressionRatio), value, "Must be at least 1.");
    }

    /// <summary>Inflated bytes of one entry after which <see cref="MaxCompressionRatio"/> is enforced.</summary>
    public long RatioCheckMinimumBytes
    {
        get => _ratioCheckMinimumBytes;
        init => _ratioCheckMinimumBytes = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(RatioCheckMinimumBytes), value, "Must not be negative.");
    }
}
