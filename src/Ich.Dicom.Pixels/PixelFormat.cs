namespace Ich.Dicom.Pixels;

/// <summary>Geometry and encoding of one frame, from the dataset's image pixel module.</summary>
/// <param name="Rows">Rows (0028,0010).</param>
/// <param name="Columns">Columns (0028,0011).</param>
/// <param name="SamplesPerPixel">Samples per Pixel (0028,0002): 1 for greyscale, 3 for colour.</param>
/// <param name="BitsAllocated">Bits Allocated (0028,0100): 8, 16 or 32.</param>
/// <param name="BitsStored">Bits Stored (0028,0101): how many of the allocated bits carry the value.</param>
/// <param name="HighBit">High Bit (0028,0102): the most significant stored bit.</param>
/// <param name="IsSigned">Pixel Representation (0028,0103) is 1: stored values are two's complement.</param>
/// <param name="PhotometricInterpretation">Photometric Interpretation (0028,0004), e.g. MONOCHROME2.</param>
/// <param name="PlanarConfiguration">Planar Configuration (0028,0006): 0 interleaved, 1 colour-by-plane.</param>
public sealed record PixelFormat(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool IsSigned,
    string PhotometricInterpretation,
    int PlanarConfiguration)
{
    /// <summary>The largest frame accepted: 2 GiB would overflow spans; no real CT frame comes near it.</summary>
    private const long MaxFrameLength = int.MaxValue;

    /// <summary>Bytes per sample: <see cref="BitsAllocated"/> / 8.</summary>
    public int BytesPerSample => BitsAllocated / 8;

    /// <summary>Pixels in one frame.</summary>
    public int PixelCount => Rows * Columns;

    /// <summary>Bytes of one decoded frame: rows × columns × samples × bytes per sample.</summary>
    public int FrameLength => Rows * Columns * SamplesPerPixel * BytesPerSample;

    /// <summary>True for MONOCHROME1: the smallest value is displayed white.</summary>
    public bool IsMonochrome1 => PhotometricInterpretation == "MONOCHROME1";

    /// <summary>The smallest stored value: 0, or -2^(BitsStored-1) when signed.</summary>
    public long MinStoredValue => IsSigned ? -(1L << (BitsStored - 1)) : 0;

    /// <summary>The largest stored value: 2^BitsStored - 1, or 2^(BitsStored-1) - 1 when signed.</summary>
    public long MaxStoredValue => IsSigned ? (1L << (BitsStored - 1)) - 1 : (1L << BitsStored) - 1;

    /// <summary>
    /// Reads and checks the image pixel module of <paramref name="dataset"/>. Rows, Columns and Bits Allocated are
    /// required; the rest default as old files need them to: Samples per Pixel 1, Bits Stored = Bits Allocated,
    /// High Bit = Bits Stored - 1, Pixel Representation 0, Photometric MONOCHROME2 (RGB for 3 samples), Planar
    /// Configuration 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="InvalidPixelModuleException">An attribute is missing or impossible.</exception>
    /// <exception cref="DicomValueException">An attribute's value is not a number.</exception>
    public static PixelFormat From(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);

        var rows = Required(dataset, DicomTags.Rows, "Rows");
        var columns = Required(dataset, DicomTags.Columns, "Columns");
        CheckRange(DicomTags.Rows, "Rows", rows, 1, ushort.MaxValue);
        CheckRange(DicomTags.Columns, "Columns", columns, 1, ushort.MaxValue);

        var samples = dataset.GetInt32(DicomTags.SamplesPerPixel) ?? 1;
        if (samples is not (1 or 3))
        {
            throw new InvalidPixelModuleException(DicomTags.SamplesPerPixel, $"Samples per Pixel is {samples}; only 1 (greyscale) and 3 (colour) are supported.");
        }

        var bitsAllocated = Required(dataset, DicomTags.BitsAllocated, "Bits Allocated");
        if (bitsAllocated is not (8 or 16 or 32))
        {
            throw new InvalidPixelModuleException(DicomTags.BitsAllocated, $"Bits Allocated is {bitsAllocated}; only 8, 16 and 32 are supported.");
        }

        var bitsStored = dataset.GetInt32(DicomTags.BitsStored) ?? bitsAllocated;
        CheckRange(DicomTags.BitsStored, "Bits Stored", bitsStored, 1, bitsAllocated);
        var highBit = dataset.GetInt32(DicomTags.HighBit) ?? bitsStored - 1;
        CheckRange(DicomTags.HighBit, "High Bit", highBit, bitsStored - 1, bitsAllocated - 1);

        var pixelRepresentation = dataset.GetInt32(DicomTags.PixelRepresentation) ?? 0;
        if (pixelRepresentation is not (0 or 1))
        {
            throw new InvalidPixelModuleException(DicomTags.PixelRepresentation, $"Pixel Representation is {pixelRepresentation}; it must be 0 (unsigned) or 1 (signed).");
        }

        var photometric = dataset.GetString(DicomTags.PhotometricInterpretation)?.Trim();
        if (string.IsNullOrEmpty(photometric))
        {
            photometric = samples == 1 ? "MONOCHROME2" : "RGB";
        }

        var planar = samples == 1 ? 0 : dataset.GetInt32(DicomTags.PlanarConfiguration) ?? 0;
        if (planar is not (0 or 1))
        {
            throw new InvalidPixelModuleException(DicomTags.PlanarConfiguration, $"Planar Configuration is {planar}; it must be 0 or 1.");
        }

        if ((long)rows * columns * samples * (bitsAllocated / 8) > MaxFrameLength)
        {
            throw new InvalidPixelModuleException(DicomTags.Rows, $"a {rows}x{columns} frame of {samples} x {bitsAllocated}-bit samples is larger than 2 GiB.");
        }

        return new PixelFormat(rows, columns, samples, bitsAllocated, bitsStored, highBit, pixelRepresentation == 1, photometric, planar);
    }

    private static int Required(DicomDataset dataset, DicomTag tag, string name) =>
        dataset.GetInt32(tag) ?? throw new InvalidPixelModuleException(tag, $"{name} is missing or empty; it is required to read pixel data.");

    private static void CheckRange(DicomTag tag, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new InvalidPixelModuleException(tag, $"{name} is {value}; it must be between {min} and {max}.");
        }
    }
}
