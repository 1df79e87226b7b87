namespace Ich.Dicom.Series.Inputs;

/// <summary>
/// Limits that protect the Ingest stage from hostile or broken uploads (zip bombs, huge trees), per host.
/// Every limit is checked on the bytes actually read or inflated, never on sizes an archive declares.
/// </summary>
/// <remarks>
/// <para><see cref="Workstation"/> (the default): <see cref="MaxEntries"/> 20,000 files or archive entries (a head CT
/// study has a few hundred to a few thousand instances); <see cref="MaxEntryBytes"/> 256 MiB per file or entry (a
/// 512×512 16-bit slice is 0.5 MiB; multi-frame objects stay well below); <see cref="MaxTotalBytes"/> 4 GiB inflated
/// from archives in one upload; <see cref="MaxCompressionRatio"/> 200 (DICOM CT deflates 2–10×, a blank synthetic
/// slice a few hundred ×; zip bombs reach 1,000×+), enforced once an entry has inflated
/// <see cref="RatioCheckMinimumBytes"/> (4 MiB) so that small, highly compressible files are not rejected;
/// <see cref="MaxSpoolBytes"/> 4 GiB of a forward-only archive stream copied to a temporary file.</para>
/// <para>Memory: archives are read entry by entry, so ingest holds at most one item per reading thread in memory
/// (bounded by <see cref="MaxEntryBytes"/>) besides the headers; the limits on totals bound time and disk, not memory.
/// See <see cref="FunctionsHost"/> for a host with little of either.</para>
/// </remarks>
public sealed record IngestOptions
{
    private readonly int _maxEntries = 20_000;
    private readonly long _maxEntryBytes = 256L << 20;
    private readonly long _maxTotalBytes = 4L << 30;
    private readonly double _maxCompressionRatio = 200;
    private readonly long _ratioCheckMinimumBytes = 4L << 20;
    private readonly long _maxSpoolBytes = 4L << 30;

    /// <summary>The workstation limits documented on the type (the same object as <see cref="Workstation"/>).</summary>
    public static IngestOptions Default => Workstation;

    /// <summary>A workstation or server with gigabytes of memory and disk: the limits documented on the type.</summary>
    public static IngestOptions Workstation { get; } = new();

    /// <summary>
    /// An Azure Functions instance (Flex Consumption: 512 MiB–4 GiB of memory per instance, a small local temp disk, a
    /// time limit per execution): 10,000 entries (two large studies; headers of that many slices take ~20 MB),
    /// 32 MiB per file or entry (a CT slice is 0.5 MiB, and two items are in memory at once while a series is decoded,
    /// so this caps that part at 64 MiB), 2 GiB inflated in total and 2 GiB spooled (a 1 GB study zip fits twice;
    /// more would not finish within one execution on one core), the same compression ratio.
    /// </summary>
    public static IngestOptions FunctionsHost { get; } = new()
    {
        MaxEntries = 10_000,
        MaxEntryBytes = 32L << 20,
        MaxTotalBytes = 2L << 30,
        MaxSpoolBytes = 2L << 30,
    };

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

    /// <summary>Largest archive read from a forward-only stream (a blob download) that may be copied to a temporary file.</summary>
    public long MaxSpoolBytes
    {
        get => _maxSpoolBytes;
        init => _maxSpoolBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxSpoolBytes), value, "Must be positive.");
    }
}
