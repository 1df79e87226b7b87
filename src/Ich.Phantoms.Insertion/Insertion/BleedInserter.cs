using System.Globalization;
using Ich.Phantoms.Insertion.Analysis;

namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>
/// Writes synthetic bleeds into a real normal head CT. Each study is a new re-acquisition of the background (thicker
/// slices averaged from its thin ones, a slab offset, a small in-plane rotation and shift, optional extra noise with the
/// background's own texture) with 0–2 bleeds drawn where their subtype occurs, their mass effect, and a lesion-free twin
/// from the same re-acquisition. Study <c>i</c> of a seed is always the same.
/// </summary>
/// <example>
/// <code>
/// var analysis = HeadAnalyzer.Analyze(BackgroundReader.Read("Cranium.inv3"));
/// var inserter = new BleedInserter(analysis.Background!, seed: 7, new InsertionOptions());
/// var study = inserter.Generate(0); // study.Slices, study.TwinSlices, study.Labels …
/// </code>
/// </example>
public sealed class BleedInserter
{
    private static readonly float[] Thicknesses = [2.5f, 3f, 4f, 5f, 5f];
    private readonly LesionPainter _painter;
    private readonly HeadBackground _b;

    /// <summary>Creates an inserter for one background.</summary>
    /// <param name="background">An accepted background (<see cref="HeadAnalyzer.Analyze"/>).</param>
    /// <param name="seed">Seed: the same seed gives the same studies.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentException">No subtype is allowed.</exception>
    public BleedInserter(HeadBackground background, long seed, InsertionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(background);
        Options = options ?? new InsertionOptions();
        if (Options.Subtypes.Count == 0) throw new ArgumentException("At least one subtype must be allowed.", nameof(options));
        _b = background;
        Seed = seed;
        _painter = new LesionPainter(background);
    }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <summary>The options.</summary>
    public InsertionOptions Options { get; }

    /// <summary>The background.</summary>
    public HeadBackground Background => _b;

    /// <summary>Generates study <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public InsertedStudy Generate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var rng = PhantomRandom.ForStudy(Seed, index);
        var acquisitionRng = rng.Fork();
        var lesionRng = rng.Fork();
        var noiseRng = rng.Fork();
        var acquisition = DrawAcquisition(acquisitionRng);
        var hemorrhage = Options.Hemorrhage ?? rng.Chance(Options.Prevalence);

        var twin = Reacquire(_b.Volume.Hounsfield, acquisition, null);
        var noise = AddedNoise(noiseRng, acquisition, twin.Length);
        if (!hemorrhage)
        {
            AddNoise(twin, noise, acquisition.NoiseSdHu);
            var empty = twin.Select(_ => new byte[acquisition.Width * acquisition.Height]).ToArray();
            return Build(index, acquisition, twin, twin, empty, [], 0f, 0f);
        }

        for (var attempt = 0; ; attempt++)
        {
            var lesions = DrawLesions(lesionRng);
            var modified = (short[])_b.Volume.Hounsfield.Clone();
            var (shiftMm, marginMm) = ApplyMassEffect(lesions, modified);
            marginMm = MathF.Max(marginMm, lesions.Max(l => l.OedemaRimMm) + 2f * acquisition.PixelMm);
            Composite(lesions, modified);
            var fractions = lesions.Select(l => l.Subtype).Distinct().ToDictionary(s => s, s => Fractions(lesions.Where(l => l.Subtype == s)));
            var masks = new byte[twin.Length][];
            var slices = Reacquire(modified, acquisition, null);
            for (var j = 0; j < masks.Length; j++) masks[j] = new byte[acquisition.Width * acquisition.Height];
            var touched = new bool[masks.Length * acquisition.Width * acquisition.Height];
            var plane = acquisition.Width * acquisition.Height;
            foreach (var (subtype, fraction) in fractions)
            {
                var resampled = Reacquire(fraction, acquisition, 0);
                for (var j = 0; j < masks.Length; j++)
                for (var p = 0; p < masks[j].Length; p++)
                {
                    if (resampled[j][p] >= 50) masks[j][p] |= subtype.Bit();
                    if (resampled[j][p] > 0) touched[j * plane + p] = true;
                }
            }
            marginMm = MathF.Max(marginMm, FringeMm(masks, touched, acquisition));
            var labels = Label(masks, acquisition);
            var labelled = lesions.Where(l => labels.Subject(l.Subtype)).ToList();
            if (labelled.Count == 0 && attempt < 4) continue;
            AddNoise(slices, noise, acquisition.NoiseSdHu);
            var twinWithNoise = twin.Select(s => (short[])s.Clone()).ToArray();
            AddNoise(twinWithNoise, noise, acquisition.NoiseSdHu);
            var edge = acquisition.ThicknessMm + 2f * acquisition.PixelMm;
            return Build(index, acquisition, slices, twinWithNoise, masks, lesions, shiftMm, marginMm + edge);
        }
    }

    private InsertedStudy Build(int index, Acquisition a, short[][] slices, short[][] twin, byte[][] masks, List<LesionField> lesions,
        float shiftMm, float marginMm)
    {
        var voxelMl = _b.Volume.PixelSpacingMm * _b.Volume.PixelSpacingMm * _b.Volume.SliceSpacingMm / 1000.0;
        var described = lesions.Select(l => new InsertedLesion(l.Subtype, l.Location, l.FilledVoxels * voxelMl, l.DensityHu, l.Age)).ToList();
        return new InsertedStudy(index, _b.Volume.Identity, a.Width, a.Height, a.PixelMm, a.ThicknessMm, slices, twin, masks,
            Label(masks, a), described, shiftMm, marginMm, a.ToString());
    }

    private SliceLabels Label(byte[][] masks, Acquisition a)
    {
        var minimum = (int)MathF.Ceiling(Options.LabelAreaMm2 / (a.PixelMm * a.PixelMm));
        var bits = new byte[masks.Length];
        Span<int> counts = stackalloc int[HemorrhageSubtypes.Count];
        for (var j = 0; j < masks.Length; j++)
        {
            counts.Clear();
            foreach (var m in masks[j]) for (var s = 0; s < HemorrhageSubtypes.Count; s++) if ((m & (1 << s)) != 0) counts[s]++;
            for (var s = 0; s < HemorrhageSubtypes.Count; s++) if (counts[s] >= minimum) bits[j] |= (byte)(1 << s);
        }
        return new SliceLabels(bits);
    }

    private List<LesionField> DrawLesions(PhantomRandom rng)
    {
        var allowed = Options.Subtypes.Where(s => s != HemorrhageSubtype.Intraventricular || _painter.HasVentricles).Distinct().ToList();
        if (allowed.Count == 0) allowed = [HemorrhageSubtype.Intraparenchymal];
        var count = allowed.Count > 1 && rng.Chance(0.3) ? 2 : 1;
        var chosen = new List<HemorrhageSubtype>();
        while (chosen.Count < count)
        {
            var s = allowed[rng.NextInt(allowed.Count)];
            if (!chosen.Contains(s)) chosen.Add(s);
        }
        return [.. chosen.Select(s => _painter.Paint(s, rng)).Where(l => l.Voxels.Count > 0)];
    }

    /// <summary>
    /// Local mass effect: brain is pushed away from each lesion of ≥ 3 ml (a smooth radial field with compact support),
    /// and a large one (≥ 25 ml) also shifts the midline towards the other side; sulci near it are effaced. Bone and
    /// everything outside the cavity stay put (the field fades to 0 within 6 mm of the inner table).
    /// </summary>
    private (float ShiftMm, float MarginMm) ApplyMassEffect(List<LesionField> lesions, short[] target)
    {
        var v = _b.Volume;
        int w = v.Width, h = v.Height, d = v.Depth;
        float px = v.PixelSpacingMm, sz = v.SliceSpacingMm;
        var voxelMl = px * px * sz / 1000f;
        var source = v.Hounsfield;
        var margin = lesions.Count == 0 ? 0f : lesions.Max(l => l.OedemaRimMm) + px;
        var midlineShift = 0f;
        foreach (var lesion in lesions)
        {
            // Blood in CSF spaces (subarachnoid, intraventricular) displaces CSF, not brain: no mass effect drawn for it.
            if (lesion.Subtype is HemorrhageSubtype.Subarachnoid or HemorrhageSubtype.Intraventricular) continue;
            var ml = (float)lesion.FilledVoxels * voxelMl;
            if (ml < 3f) continue;
            var rEq = MathF.Cbrt(ml * 1000f * 3f / (4f * MathF.PI));
            var amplitude = MathF.Min(0.3f * rEq, 5f);
            var radius = rEq + 20f;
            var (cx, cy, cz) = lesion.Centre(w, h);
            var shift = Math.Clamp((ml - 25f) / 8f, 0f, 8f);
            var side = cx > _b.MidlineColumn(cz) ? -1f : 1f;
            var shiftRadius = shift > 0 ? 70f : 0f;
            var support = MathF.Max(radius, shiftRadius);
            margin = MathF.Max(margin, support);
            midlineShift = MathF.Max(midlineShift, shift);
            int rx = (int)MathF.Ceiling(support / px), rz = (int)MathF.Ceiling(support / sz);
            for (var z = Math.Max(0, (int)cz - rz); z <= Math.Min(d - 1, (int)cz + rz); z++)
            for (var y = Math.Max(0, (int)cy - rx); y <= Math.Min(h - 1, (int)cy + rx); y++)
            for (var x = Math.Max(0, (int)cx - rx); x <= Math.Min(w - 1, (int)cx + rx); x++)
            {
                var i = (z * h + y) * w + x;
                if (!_b.IsIntracranial(i)) continue;
                float dx = (x - cx) * px, dy = (y - cy) * px, dz = (z - cz) * sz;
                var r = MathF.Sqrt(dx * dx + dy * dy + dz * dz);
                if (r >= support) continue;
                var fade = MathF.Min(1f, _b.InnerTableDistanceMm[i] / 6f);
                float ux = 0, uy = 0;
                if (r < radius && r > 1e-3f)
                {
                    var g = Bump(r / radius) * amplitude;
                    ux += g * dx / r;
                    uy += g * dy / r;
                }
                if (shift > 0) ux += side * shift * Bump(r / shiftRadius);
                ux *= fade;
                uy *= fade;
                float sx = x - ux / px, sy = y - uy / px;
                // Only brain moves into brain: a sample that would fetch bone or scalp leaves the voxel as it was.
                var nearest = (z * h + Math.Clamp((int)MathF.Round(sy), 0, h - 1)) * w + Math.Clamp((int)MathF.Round(sx), 0, w - 1);
                if (!_b.IsIntracranial(nearest) || _b.InnerTableDistanceMm[nearest] < 2f) continue;
                var value = Sample(source, sx, sy, z, w, h);
                // Effacement: sulcal CSF near the lesion is squeezed towards brain density.
                if (_b.Tissue[i] == BackgroundTissue.SurfaceCsf && r < radius) value += 0.7f * Bump(r / radius) * (30f - value);
                target[i] = (short)MathF.Round(value);
            }
        }
        return (midlineShift, margin);
    }

    /// <summary>How far partial-volume lesion content (below the mask's half-voxel rule) reaches beyond the masks, mm.</summary>
    private static float FringeMm(byte[][] masks, bool[] touched, Acquisition a)
    {
        var plane = a.Width * a.Height;
        var outsideMask = new bool[touched.Length];
        for (var j = 0; j < masks.Length; j++)
        for (var p = 0; p < plane; p++) outsideMask[j * plane + p] = masks[j][p] == 0;
        var distance = VolumeOps.DistanceInside(outsideMask, a.Width, a.Height, masks.Length, a.PixelMm, a.ThicknessMm);
        var fringe = 0f;
        for (var i = 0; i < touched.Length; i++) if (touched[i] && distance[i] > fringe) fringe = distance[i];
        return fringe;
    }

    private static float Bump(float t) => t >= 1f ? 0f : (1f - t * t) * (1f - t * t);

    private static float Sample(short[] volume, float x, float y, int z, int w, int h)
    {
        x = Math.Clamp(x, 0f, w - 1.001f);
        y = Math.Clamp(y, 0f, h - 1.001f);
        int x0 = (int)x, y0 = (int)y;
        float fx = x - x0, fy = y - y0;
        var o = (z * h + y0) * w + x0;
        return (1 - fy) * ((1 - fx) * volume[o] + fx * volume[o + 1]) + fy * ((1 - fx) * volume[o + w] + fx * volume[o + w + 1]);
    }

    /// <summary>
    /// Writes each lesion into the (displaced) background as out = v + f·(HU − m), where m is the local 3×3 mean over the
    /// cavity: the lesion replaces the anatomy's density but keeps the background's own noise texture on top.
    /// </summary>
    private void Composite(List<LesionField> lesions, short[] target)
    {
        var v = _b.Volume;
        int w = v.Width, h = v.Height;
        float LocalMean(short[] data, int i)
        {
            int x = i % w, y = i / w % h;
            float sum = 0;
            var n = 0;
            for (var dy = -1; dy <= 1; dy++)
            for (var dx = -1; dx <= 1; dx++)
            {
                int xx = x + dx, yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                var j = i + dy * w + dx;
                if (!_b.IsIntracranial(j)) continue;
                sum += data[j];
                n++;
            }
            return n == 0 ? data[i] : sum / n;
        }

        foreach (var lesion in lesions)
        {
            var snapshot = (short[])target.Clone();
            for (var k = 0; k < lesion.OedemaVoxels.Count; k++)
            {
                var i = lesion.OedemaVoxels[k];
                target[i] = (short)MathF.Round(target[i] - lesion.OedemaFractions[k] * lesion.OedemaDropHu);
            }
            for (var k = 0; k < lesion.Voxels.Count; k++)
            {
                var i = lesion.Voxels[k];
                var f = lesion.Fractions[k];
                var value = snapshot[i] + f * (lesion.DensityHu - LocalMean(snapshot, i));
                target[i] = (short)Math.Clamp(MathF.Round((1 - f) * target[i] + f * value), -1024f, 3071f);
            }
        }
    }

    private byte[] Fractions(IEnumerable<LesionField> lesions)
    {
        var f = new byte[_b.Volume.Hounsfield.Length];
        foreach (var l in lesions)
        for (var k = 0; k < l.Voxels.Count; k++)
        {
            var i = l.Voxels[k];
            f[i] = (byte)Math.Max(f[i], (int)MathF.Round(l.Fractions[k] * 100f));
        }
        return f;
    }

    private Acquisition DrawAcquisition(PhantomRandom rng)
    {
        var v = _b.Volume;
        var wanted = Options.SliceThicknessMm ?? Thicknesses[rng.NextInt(Thicknesses.Length)];
        var factor = Math.Max(1, (int)MathF.Round(wanted / v.SliceSpacingMm));
        var offset = rng.NextInt(factor);
        var rotation = rng.UniformF(-Options.MaxRotationDegrees, Options.MaxRotationDegrees);
        var shiftX = rng.UniformF(-Options.MaxShiftMm, Options.MaxShiftMm);
        var shiftY = rng.UniformF(-Options.MaxShiftMm, Options.MaxShiftMm);
        var noise = rng.Chance(Options.AddedNoiseProbability) ? rng.UniformF(0.3f, 1f) * _b.NoiseSdHu : 0f;
        return new Acquisition(v.Width, v.Height, v.PixelSpacingMm, factor * v.SliceSpacingMm, factor, offset, (v.Depth - offset) / factor,
            rotation, shiftX, shiftY, noise);
    }

    /// <summary>
    /// Thick slices as the mean of <c>factor</c> thin ones from the slab offset (partial volume at the new thickness),
    /// then rotated and shifted in-plane (bilinear). Works on HU (<c>short</c>) and on lesion fractions (<c>byte</c>, 0–100).
    /// </summary>
    private short[][] Reacquire(short[] source, Acquisition a, int? outsideValue) =>
        Reacquire(source.Length, i => source[i], a, outsideValue ?? -1024);

    private byte[][] Reacquire(byte[] source, Acquisition a, int outsideValue) =>
        [.. Reacquire(source.Length, i => source[i], a, outsideValue).Select(s => s.Select(v => (byte)Math.Clamp((int)v, 0, 100)).ToArray())];

    private short[][] Reacquire(int length, Func<int, int> read, Acquisition a, int outsideValue)
    {
        int w = a.Width, h = a.Height, plane = w * h;
        var result = new short[a.SliceCount][];
        var thick = new float[plane];
        var (sin, cos) = MathF.SinCos(a.RotationDegrees * MathF.PI / 180f);
        float cx = (w - 1) / 2f, cy = (h - 1) / 2f;
        for (var j = 0; j < a.SliceCount; j++)
        {
            Array.Clear(thick);
            var first = a.Offset + j * a.Factor;
            for (var s = first; s < first + a.Factor; s++)
            for (var p = 0; p < plane; p++) thick[p] += read(s * plane + p);
            for (var p = 0; p < plane; p++) thick[p] /= a.Factor;

            var slice = new short[plane];
            for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                // Output pixel → background position: undo the shift, then the rotation about the image centre.
                float ox = x - cx - a.ShiftXmm / a.PixelMm, oy = y - cy - a.ShiftYmm / a.PixelMm;
                var sx = cos * ox + sin * oy + cx;
                var sy = -sin * ox + cos * oy + cy;
                if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) { slice[y * w + x] = (short)outsideValue; continue; }
                int x0 = Math.Min((int)sx, w - 2), y0 = Math.Min((int)sy, h - 2);
                float fx = sx - x0, fy = sy - y0;
                var o = y0 * w + x0;
                var value = (1 - fy) * ((1 - fx) * thick[o] + fx * thick[o + 1]) + fy * ((1 - fx) * thick[o + w] + fx * thick[o + w + 1]);
                slice[y * w + x] = (short)Math.Clamp(MathF.Round(value), -1024f, 3071f);
            }
            result[j] = slice;
        }
        return result;
    }

    /// <summary>Unit-variance noise with the background's pixel-to-pixel correlation (a separable two-sided AR(1) filter).</summary>
    private float[][]? AddedNoise(PhantomRandom rng, Acquisition a, int slices)
    {
        if (a.NoiseSdHu <= 0f) return null;
        var coefficient = FilterCoefficient(_b.NoiseCorrelation);
        int w = a.Width, h = a.Height;
        var result = new float[slices][];
        var line = new float[Math.Max(w, h)];
        for (var j = 0; j < slices; j++)
        {
            var n = new float[w * h];
            rng.FillNormal(n);
            for (var y = 0; y < h; y++) Filter(n.AsSpan(y * w, w), coefficient);
            for (var x = 0; x < w; x++)
            {
                for (var y = 0; y < h; y++) line[y] = n[y * w + x];
                Filter(line.AsSpan(0, h), coefficient);
                for (var y = 0; y < h; y++) n[y * w + x] = line[y];
            }
            double sum2 = 0;
            foreach (var value in n) sum2 += value * value;
            var scale = (float)(1 / Math.Sqrt(sum2 / n.Length));
            for (var p = 0; p < n.Length; p++) n[p] *= scale;
            result[j] = n;
        }
        return result;
    }

    private static void AddNoise(short[][] slices, float[][]? noise, float sd)
    {
        if (noise is null) return;
        for (var j = 0; j < slices.Length; j++)
        for (var p = 0; p < slices[j].Length; p++)
        {
            if (slices[j][p] <= -1000) continue; // air outside the head stays air
            slices[j][p] = (short)Math.Clamp(MathF.Round(slices[j][p] + sd * noise[j][p]), -1024f, 3071f);
        }
    }

    /// <summary>The a of the kernel a^|n| whose lag-1 autocorrelation (Σ h[n]h[n+1] / Σ h²) equals <paramref name="rho"/>.</summary>
    internal static float FilterCoefficient(float rho)
    {
        static double Lag1(double a)
        {
            double r0 = 0, r1 = 0;
            for (var n = -40; n <= 40; n++)
            {
                r0 += Math.Pow(a, 2 * Math.Abs(n));
                r1 += Math.Pow(a, Math.Abs(n)) * Math.Pow(a, Math.Abs(n + 1));
            }
            return r1 / r0;
        }
        double low = 0, high = 0.95;
        for (var k = 0; k < 40; k++)
        {
            var mid = (low + high) / 2;
            if (Lag1(mid) < rho) low = mid; else high = mid;
        }
        return (float)low;
    }

    private static void Filter(Span<float> x, float a)
    {
        if (a <= 0f) return;
        var state = 0f;
        for (var i = 0; i < x.Length; i++) x[i] = state = x[i] + a * state;
        var back = new float[x.Length];
        state = 0f;
        for (var i = x.Length - 1; i >= 0; i--) back[i] = state = x[i] + a * state;
        back.CopyTo(x);
    }

    /// <summary>One re-acquisition of the background.</summary>
    private sealed record Acquisition(int Width, int Height, float PixelMm, float ThicknessMm, int Factor, int Offset, int SliceCount,
        float RotationDegrees, float ShiftXmm, float ShiftYmm, float NoiseSdHu)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{ThicknessMm:0.##}mm offset {Offset} rot {RotationDegrees:0.0}deg shift {ShiftXmm:0.0}/{ShiftYmm:0.0}mm noise+{NoiseSdHu:0.0}HU");
    }
}
