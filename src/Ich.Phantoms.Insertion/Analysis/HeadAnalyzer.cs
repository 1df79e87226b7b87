using System.Globalization;
using Ich.Phantoms.Insertion.Backgrounds;

namespace Ich.Phantoms.Insertion.Analysis;

/// <summary>The verdict on one background: accepted with its anatomy, or refused with a reason.</summary>
/// <param name="Background">The analysed background, when accepted.</param>
/// <param name="Refusal">Why not, when refused.</param>
public sealed record BackgroundAnalysis(HeadBackground? Background, BackgroundRefusal? Refusal)
{
    /// <summary>Whether bleeds may be inserted.</summary>
    public bool IsAccepted => Background is not null;
}

/// <summary>
/// Finds the anatomy insertion needs from the image alone: skull (HU &gt; <see cref="SkullHu"/>), the intracranial space
/// (per slice, the inside of the closed skull; kept as the largest 3D-connected piece, so sinuses and orbits drop out),
/// CSF (<see cref="CsfLowHu"/>–<see cref="CsfHighHu"/> after a 3×3 mean; deep components near the midline are
/// ventricles, the rest sulci and cisterns), distance to the inner table, the midline plane (symmetry of the cavity)
/// and the noise (block statistics in homogeneous brain). Refuses what it should not write bleeds into.
/// </summary>
public static class HeadAnalyzer
{
    /// <summary>Bone threshold, HU.</summary>
    public const float SkullHu = 300f;

    /// <summary>Lowest CSF value, HU (after a 3×3 mean).</summary>
    public const float CsfLowHu = -15f;

    /// <summary>Highest CSF value, HU (after a 3×3 mean).</summary>
    public const float CsfHighHu = 15f;

    /// <summary>Plausible adult intracranial volume, ml (low, high).</summary>
    public static readonly (double Low, double High) IntracranialMlRange = (650, 2300);

    /// <summary>Shortest stretch of intracranial space accepted, mm.</summary>
    public const float MinimumCavityExtentMm = 70f;

    /// <summary>Fewest slices accepted.</summary>
    public const int MinimumSlices = 12;

    /// <summary>Blood-like density looked for before insertion, HU (after a 3×3 mean), low and high.</summary>
    public static readonly (float Low, float High) BleedHu = (62f, 95f);

    /// <summary>Blood-like volume that refuses a background, ml (one connected piece, away from bone).</summary>
    public const double SuspectedBleedMl = 1.0;

    /// <summary>Density of contrast-filled vessels and sinuses, HU (after a 3×3 mean), low and high.</summary>
    public static readonly (float Low, float High) ContrastHu = (110f, 290f);

    /// <summary>Volume of contrast-like density, away from bone, that refuses a background, ml.</summary>
    public const double ContrastMl = 4.0;

    /// <summary>Analyses <paramref name="volume"/>.</summary>
    public static BackgroundAnalysis Analyze(HeadVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        BackgroundAnalysis Refuse(RefusalKind kind, string reason) => new(null, new BackgroundRefusal(kind, reason));
        if (volume.ContrastAgentRecorded) return Refuse(RefusalKind.ContrastGiven, "the header names a contrast/bolus agent (0018,0010).");
        if (volume.Depth < MinimumSlices)
            return Refuse(RefusalKind.TooFewSlices, $"{volume.Depth} slices; at least {MinimumSlices} are needed.");

        int w = volume.Width, h = volume.Height, d = volume.Depth, plane = w * h;
        var hu = volume.Hounsfield;
        var px = volume.PixelSpacingMm;
        var voxelMl = px * px * volume.SliceSpacingMm / 1000.0;
        var smooth = VolumeOps.BoxMean2D(hu, w, h, d, 1);

        var cavity = FindCavity(volume, smooth);
        var cavityVoxels = cavity.AsSpan().Count(true);
        var intracranialMl = cavityVoxels * voxelMl;

        var areas = new int[d];
        var touchesBorder = false;
        var border = Math.Max(1, (int)MathF.Round(1.5f / px));
        for (var z = 0; z < d; z++)
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            if (!cavity[(z * h + y) * w + x]) continue;
            areas[z]++;
            if (x < border || y < border || x >= w - border || y >= h - border) touchesBorder = true;
        }
        var first = Array.FindIndex(areas, a => a > 0);
        var last = Array.FindLastIndex(areas, a => a > 0);
        var extent = first < 0 ? 0f : (last - first + 1) * volume.SliceSpacingMm;
        if (first < 0) return Refuse(RefusalKind.NotAHead, "no closed skull was found.");
        if (extent < MinimumCavityExtentMm)
            return Refuse(RefusalKind.TooFewSlices, string.Create(CultureInfo.InvariantCulture,
                $"the intracranial space spans {extent:0} mm of slices; at least {MinimumCavityExtentMm:0} mm are needed."));
        if (intracranialMl < IntracranialMlRange.Low || intracranialMl > IntracranialMlRange.High)
            return Refuse(RefusalKind.NotAHead, string.Create(CultureInfo.InvariantCulture,
                $"no closed skull holding {IntracranialMlRange.Low}–{IntracranialMlRange.High} ml was found (found {intracranialMl:0} ml)."));
        if (touchesBorder) return Refuse(RefusalKind.FieldOfViewCutsSkull, "the intracranial space reaches the edge of the image.");
        if (SkullAtSideOrFrontEdge(volume, cavity, areas) is { } slice)
            return Refuse(RefusalKind.FieldOfViewCutsSkull, $"bone lies on the left, right or anterior edge of the image beside the brain (slice {slice + 1}).");
        var maxArea = areas.Max();
        if (last == d - 1 && areas[last] > 0.2 * maxArea)
            return Refuse(RefusalKind.FieldOfViewCutsSkull, string.Create(CultureInfo.InvariantCulture,
                $"the top slice still holds {100.0 * areas[last] / maxArea:0} % of the largest intracranial cross-section: the vertex is cut."));

        var distance = VolumeOps.DistanceInside(cavity, w, h, d, px, volume.SliceSpacingMm);

        // Dense material away from bone: contrast-filled vessels, or blood already there.
        var contrastMl = 0.0;
        var bleedCandidate = new bool[hu.Length];
        for (var i = 0; i < hu.Length; i++)
        {
            if (!cavity[i] || distance[i] < 3.5f) continue;
            var v = smooth[i];
            if (v >= ContrastHu.Low && v <= ContrastHu.High) contrastMl += voxelMl;
            bleedCandidate[i] = v >= BleedHu.Low && v <= BleedHu.High;
        }
        if (contrastMl > ContrastMl)
            return Refuse(RefusalKind.ContrastGiven, string.Create(CultureInfo.InvariantCulture,
                $"{contrastMl:0.0} ml inside the skull measures {ContrastHu.Low:0}–{ContrastHu.High:0} HU, as contrast-filled vessels do (limit {ContrastMl} ml)."));
        var (_, bleedSizes) = VolumeOps.Components3D(bleedCandidate, w, h, d);
        var largestBleedMl = bleedSizes.Max() * voxelMl;
        if (largestBleedMl >= SuspectedBleedMl)
            return Refuse(RefusalKind.SuspectedBleed, string.Create(CultureInfo.InvariantCulture,
                $"a {largestBleedMl:0.0} ml piece measures {BleedHu.Low:0}–{BleedHu.High:0} HU, like blood (limit {SuspectedBleedMl} ml)."));

        var (midline0, midlineSlope) = FitMidline(cavity, areas, w, h, d);
        var tissue = ClassifyTissue(volume, smooth, cavity, distance, midline0, midlineSlope, out var ventricleVoxels);
        var (noiseSd, noiseCorrelation) = MeasureNoise(volume, tissue, distance);
        return new BackgroundAnalysis(new HeadBackground(volume, tissue, distance, midline0, midlineSlope, first, last, noiseSd,
            noiseCorrelation, intracranialMl, ventricleVoxels * voxelMl), null);
    }

    /// <summary>
    /// The first cavity slice whose bone touches the left, right or top (anterior) edge of the image within the cavity's
    /// extent. The posterior edge is not checked: head rests lie there.
    /// </summary>
    private static int? SkullAtSideOrFrontEdge(HeadVolume volume, bool[] cavity, int[] areas)
    {
        int w = volume.Width, h = volume.Height;
        var hu = volume.Hounsfield;
        for (var z = 0; z < volume.Depth; z++)
        {
            if (areas[z] == 0) continue;
            int yMin = h, yMax = -1, xMin = w, xMax = -1;
            for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                if (!cavity[(z * h + y) * w + x]) continue;
                (yMin, yMax, xMin, xMax) = (Math.Min(yMin, y), Math.Max(yMax, y), Math.Min(xMin, x), Math.Max(xMax, x));
            }
            for (var y = yMin; y <= yMax; y++)
                if (hu[(z * h + y) * w] > SkullHu || hu[(z * h + y) * w + w - 1] > SkullHu) return z;
            for (var x = xMin; x <= xMax; x++)
                if (hu[z * h * w + x] > SkullHu) return z;
        }
        return null;
    }

    private static bool[] FindCavity(HeadVolume volume, float[] smooth)
    {
        int w = volume.Width, h = volume.Height, d = volume.Depth;
        var hu = volume.Hounsfield;
        var skull = new bool[hu.Length];
        var plane = w * h;
        VolumeOps.ForEachSlice(d, z => { for (var i = z * plane; i < (z + 1) * plane; i++) skull[i] = hu[i] > SkullHu; });
        // Inside the skull = bone met in nearly every in-plane direction; gaps (burr holes, thin bone) lose only a few rays.
        var wall = VolumeOps.Dilate2D(skull, w, h, d, 1);
        var rays = Surround.Count(wall, w, h, d);
        var grown = new bool[hu.Length];
        VolumeOps.ForEachSlice(d, z =>
        {
            for (var i = z * plane; i < (z + 1) * plane; i++)
                grown[i] = !wall[i] && rays[i] >= Surround.DirectionCount - 1 && smooth[i] > -60f && smooth[i] < SkullHu;
        });

        // The brain is the largest 3D piece; an erosion first cuts thin bridges into sinuses and orbits.
        var core = VolumeOps.Erode2D(VolumeOps.Erode2D(grown, w, h, d), w, h, d);
        var (labels, sizes) = VolumeOps.Components3D(core, w, h, d);
        var best = 0;
        for (var l = 1; l < sizes.Count; l++) if (sizes[l] > sizes[best]) best = l;
        var keep = new bool[hu.Length];
        if (best == 0) return keep;
        for (var i = 0; i < keep.Length; i++) keep[i] = labels[i] == best;
        var cavity = VolumeOps.Dilate2D(keep, w, h, d, 2, grown);
        // Give back the pixel at the inner table that the thickened wall took.
        var soft = new bool[hu.Length];
        VolumeOps.ForEachSlice(d, z =>
        {
            for (var i = z * plane; i < (z + 1) * plane; i++) soft[i] = !skull[i] && smooth[i] > -60f && smooth[i] < SkullHu;
        });
        cavity = VolumeOps.Dilate2D(cavity, w, h, d, 1, soft);
        return cavity;
    }

    private static (float At0, float Slope) FitMidline(bool[] cavity, int[] areas, int w, int h, int d)
    {
        // Per slice: the median over rows of the centre between the cavity's left and right edges; then a line over slices.
        var maxArea = areas.Max();
        double sw = 0, sz = 0, sx = 0, szz = 0, szx = 0;
        var centres = new List<float>();
        for (var z = 0; z < d; z++)
        {
            if (areas[z] < 0.3 * maxArea) continue;
            centres.Clear();
            for (var y = 0; y < h; y++)
            {
                int left = -1, right = -1;
                for (var x = 0; x < w; x++)
                {
                    if (!cavity[(z * h + y) * w + x]) continue;
                    if (left < 0) left = x;
                    right = x;
                }
                if (left >= 0 && right - left > w / 8) centres.Add((left + right) / 2f);
            }
            if (centres.Count == 0) continue;
            centres.Sort();
            var c = centres[centres.Count / 2];
            double wt = areas[z];
            sw += wt; sz += wt * z; sx += wt * c; szz += wt * z * z; szx += wt * z * c;
        }
        if (sw == 0) return (w / 2f, 0f);
        var denominator = sw * szz - sz * sz;
        var slope = Math.Abs(denominator) < 1e-9 ? 0 : (sw * szx - sz * sx) / denominator;
        slope = Math.Clamp(slope, -0.5, 0.5);
        return ((float)((sx - slope * sz) / sw), (float)slope);
    }

    private static BackgroundTissue[] ClassifyTissue(HeadVolume volume, float[] smooth, bool[] cavity, float[] distance, float midline0,
        float midlineSlope, out int ventricleVoxels)
    {
        int w = volume.Width, h = volume.Height, d = volume.Depth;
        var hu = volume.Hounsfield;
        var tissue = new BackgroundTissue[hu.Length];
        var deepCsf = new bool[hu.Length];
        for (var i = 0; i < hu.Length; i++)
        {
            if (cavity[i])
            {
                var csf = smooth[i] >= CsfLowHu && smooth[i] <= CsfHighHu;
                tissue[i] = csf ? BackgroundTissue.SurfaceCsf : BackgroundTissue.Brain;
                deepCsf[i] = csf && distance[i] > 14f;
            }
            else if (hu[i] > SkullHu) tissue[i] = BackgroundTissue.Skull;
        }

        // Ventricles: deep CSF pieces of some size whose centre lies near the midline.
        var (labels, sizes) = VolumeOps.Components3D(deepCsf, w, h, d);
        var sumX = new double[sizes.Count];
        var sumOffset = new double[sizes.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 0) continue;
            var z = i / (w * h);
            var x = i % w;
            sumOffset[labels[i]] += Math.Abs(x - (midline0 + midlineSlope * z));
            sumX[labels[i]]++;
        }
        var voxelMl = volume.PixelSpacingMm * volume.PixelSpacingMm * volume.SliceSpacingMm / 1000.0;
        var isVentricle = new bool[sizes.Count];
        for (var l = 1; l < sizes.Count; l++)
            isVentricle[l] = sizes[l] * voxelMl >= 0.3 && sumOffset[l] / sumX[l] * volume.PixelSpacingMm < 22.0;
        ventricleVoxels = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 0 || !isVentricle[labels[i]]) continue;
            tissue[i] = BackgroundTissue.Ventricle;
            ventricleVoxels++;
        }
        return tissue;
    }

    private static (float Sd, float Correlation) MeasureNoise(HeadVolume volume, BackgroundTissue[] tissue, float[] distance)
    {
        // Non-overlapping 8×8 blocks wholly in deep brain; the quietest third are taken as homogeneous tissue.
        const int b = 8;
        int w = volume.Width, h = volume.Height;
        var hu = volume.Hounsfield;
        var blocks = new List<(double Var, double Corr)>();
        for (var z = 0; z < volume.Depth; z++)
        for (var y0 = 0; y0 + b <= h; y0 += b)
        for (var x0 = 0; x0 + b <= w; x0 += b)
        {
            double sum = 0, sum2 = 0;
            var ok = true;
            for (var y = y0; y < y0 + b && ok; y++)
            for (var x = x0; x < x0 + b; x++)
            {
                var i = (z * h + y) * w + x;
                if (tissue[i] != BackgroundTissue.Brain || distance[i] < 8f) { ok = false; break; }
                sum += hu[i];
                sum2 += (double)hu[i] * hu[i];
            }
            if (!ok) continue;
            var mean = sum / (b * b);
            var variance = sum2 / (b * b) - mean * mean;
            double lag = 0;
            for (var y = y0; y < y0 + b; y++)
            for (var x = x0; x + 1 < x0 + b; x++)
            {
                var i = (z * h + y) * w + x;
                lag += (hu[i] - mean) * (hu[i + 1] - mean);
            }
            var corr = variance > 0 ? lag / (b * (b - 1)) / variance : 0;
            blocks.Add((variance, corr));
        }
        if (blocks.Count < 10) return (4f, 0.3f);
        blocks.Sort((p, q) => p.Var.CompareTo(q.Var));
        var quiet = blocks.Take(Math.Max(5, blocks.Count / 3)).ToList();
        var sd = Math.Sqrt(quiet[quiet.Count / 2].Var);
        var correlation = quiet.Average(q => q.Corr);
        return ((float)sd, (float)Math.Clamp(correlation, 0, 0.95));
    }
}
