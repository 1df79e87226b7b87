using Ich.Phantoms.Insertion.Backgrounds;

namespace Ich.Phantoms.Insertion.Analysis;

/// <summary>
/// A normal head CT accepted as a background, with the anatomy found in it (no atlas): tissue per voxel, distance to the
/// inner table, the midline plane and the image's own noise. Made by <see cref="HeadAnalyzer.Analyze"/>.
/// </summary>
public sealed class HeadBackground
{
    internal HeadBackground(HeadVolume volume, BackgroundTissue[] tissue, float[] innerTableDistanceMm, float midlineColumnAtZero,
        float midlineColumnPerSlice, int firstCavitySlice, int lastCavitySlice, float noiseSdHu, float noiseCorrelation,
        double intracranialMl, double ventricleMl)
    {
        Volume = volume;
        Tissue = tissue;
        InnerTableDistanceMm = innerTableDistanceMm;
        _midline0 = midlineColumnAtZero;
        _midlineSlope = midlineColumnPerSlice;
        FirstCavitySlice = firstCavitySlice;
        LastCavitySlice = lastCavitySlice;
        NoiseSdHu = noiseSdHu;
        NoiseCorrelation = noiseCorrelation;
        IntracranialMl = intracranialMl;
        VentricleMl = ventricleMl;
    }

    private readonly float _midline0;
    private readonly float _midlineSlope;

    /// <summary>The image.</summary>
    public HeadVolume Volume { get; }

    /// <summary>Tissue per voxel (same layout as the volume).</summary>
    public BackgroundTissue[] Tissue { get; }

    /// <summary>Distance of each intracranial voxel to the inner table (the edge of the intracranial space), mm; 0 elsewhere.</summary>
    public float[] InnerTableDistanceMm { get; }

    /// <summary>Lowest slice holding intracranial space.</summary>
    public int FirstCavitySlice { get; }

    /// <summary>Highest slice holding intracranial space.</summary>
    public int LastCavitySlice { get; }

    /// <summary>Noise standard deviation measured in homogeneous brain, HU.</summary>
    public float NoiseSdHu { get; }

    /// <summary>Correlation of the noise between neighbouring pixels (its texture).</summary>
    public float NoiseCorrelation { get; }

    /// <summary>Volume of the intracranial space, ml.</summary>
    public double IntracranialMl { get; }

    /// <summary>Volume of the ventricles found, ml.</summary>
    public double VentricleMl { get; }

    /// <summary>Is voxel <paramref name="i"/> inside the intracranial space?</summary>
    public bool IsIntracranial(int i) => Tissue[i] >= BackgroundTissue.Brain;

    /// <summary>Column (fractional) of the midline (falx) plane at slice <paramref name="slice"/>.</summary>
    public float MidlineColumn(float slice) => _midline0 + _midlineSlope * slice;
}
