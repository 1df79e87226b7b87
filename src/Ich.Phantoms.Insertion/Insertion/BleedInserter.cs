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

        var a = acquisition;
        var plane = a.Width * a.Height;
        var background = _b.Volume.Hounsfield;
        var resampler = new SliceResampler(a.Width, a.Height, a.Factor, a.Offset, a.SliceCount, a.PixelMm, a.RotationDegrees, a.ShiftXmm, a.ShiftYmm);
        var twin = new short[a.SliceCount][];
        for (var j = 0; j < twin.Length; j++) resampler.Resample(j, z => background.AsSpan(z * plane, plane), -1024, twin[j] = new short[plane]);
        if (!hemorrhage)
        {
            AddNoise(noiseRng, a, twin, null);
            var empty = twin.Select(_ => new byte[plane]).ToArray();
            return Build(index, a, twin, twin, empty, [], 0f, 0f);
        }

        for (var attempt = 0; ; attempt++)
        {
            var lesions = DrawLesions(lesionRng);
            var pushes = Pushes(lesions);
            // Only the slices the mass effect and the lesions reach are copied and changed; thick slices that average
            // none of them are the twin's.
            var (first, last, changedBox) = ChangedSlices(lesions, pushes);
            var modified = new ModifiedSlab(background, plane, first, last);
            var (shiftMm, marginMm) = ApplyMassEffect(lesions, pushes, modified);
            marginMm = MathF.Max(marginMm, lesions.Max(l => l.OedemaRimMm) + 2f * a.PixelMm);
            Composite(lesions, modified);
            var slices = new short[twin.Length][];
            for (var j = 0; j < slices.Length; j++)
            {
                if (!resampler.Reads(j, modified.First, modified.Last)) { slices[j] = twin[j]; continue; }
                resampler.Resample(j, modified.Plane, changedBox, twin[j], -1024, slices[j] = new short[plane]);
            }
            var masks = new byte[twin.Length][];
            for (var j = 0; j < masks.Length; j++) masks[j] = new byte[plane];
            var touched = new TouchedVoxels(a.Width, a.Height, masks.Length);
            var resampled = new byte[plane];
            foreach (var subtype in lesions.Select(l => l.Subtype).Distinct())
            {
                var (fraction, low, high, box) = Fractions(lesions.Where(l => l.Subtype == subtype));
                var bit = subtype.Bit();
                var zero = new byte[plane];
                PlaneSource<byte> planes = z => z >= low && z <= high ? fraction.AsSpan((z - low) * plane, plane) : zero;
                for (var j = 0; j < masks.Length; j++)
                {
                    // A thick slice that averages no thin slice of the lesion resamples to 0 everywhere.
                    if (!resampler.Reads(j, low, high)) continue;
                    var (firstRow, lastRow) = resampler.Resample(j, planes, box, resampled);
                    var mask = masks[j];
                    for (var p = firstRow * a.Width; p < (lastRow + 1) * a.Width; p++)
                    {
                        var value = resampled[p];
                        if (value == 0) continue;
                        if (value >= 50) mask[p] |= bit;
                        touched.Add(j, p);
                    }
                }
            }
            marginMm = MathF.Max(marginMm, FringeMm(masks, touched, a));
            var labels = Label(masks, a);
            var labelled = lesions.Where(l => labels.Subject(l.Subtype)).ToList();
            if (labelled.Count == 0 && attempt < 4) continue;
            AddNoise(noiseRng, a, twin, slices);
            var edge = a.ThicknessMm + 2f * a.PixelMm;
            return Build(index, a, slices, twin, masks, lesions, shiftMm, marginMm + edge);
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
            foreach (var m in masks[j]) if (m != 0) for (var s = 0; s < HemorrhageSubtypes.Count; s++) if ((m & (1 << s)) != 0) counts[s]++;
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

    /// <summary>The pushes of the lesions that have mass effect (see <see cref="ApplyMassEffect"/>), in lesion order.</summary>
    private List<Push> Pushes(List<LesionField> lesions)
    {
        var v = _b.Volume;
        int w = v.Width, h = v.Height;
        float px = v.PixelSpacingMm, sz = v.SliceSpacingMm;
        var voxelMl = px * px * sz / 1000f;
        var pushes = new List<Push>();
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
            pushes.Add(new Push(cx, cy, cz, amplitude, radius, shift, side, shiftRadius, support,
                (int)MathF.Ceiling(support / px), (int)MathF.Ceiling(support / sz)));
        }
        return pushes;
    }

    /// <summary>
    /// The background slices a study changes, and the in-plane box it changes them in: what its pushes reach and what its
    /// lesions (and oedema) fill.
    /// </summary>
    private (int First, int Last, PixelBox Box) ChangedSlices(List<LesionField> lesions, List<Push> pushes)
    {
        var v = _b.Volume;
        int w = v.Width, h = v.Height, plane = v.SliceSize;
        int first = int.MaxValue, last = -1, x0 = int.MaxValue, x1 = -1, y0 = int.MaxValue, y1 = -1;
        foreach (var p in pushes)
        {
            first = Math.Min(first, Math.Max(0, (int)p.Cz - p.Rz));
            last = Math.Max(last, Math.Min(v.Depth - 1, (int)p.Cz + p.Rz));
            (x0, x1) = (Math.Min(x0, Math.Max(0, (int)p.Cx - p.Rx)), Math.Max(x1, Math.Min(w - 1, (int)p.Cx + p.Rx)));
            (y0, y1) = (Math.Min(y0, Math.Max(0, (int)p.Cy - p.Rx)), Math.Max(y1, Math.Min(h - 1, (int)p.Cy + p.Rx)));
        }
        void Include(List<int> voxels)
        {
            foreach (var i in voxels)
            {
                int z = i / plane, x = i % w, y = i % plane / w;
                (first, last, x0, x1, y0, y1) = (Math.Min(first, z), Math.Max(last, z), Math.Min(x0, x), Math.Max(x1, x), Math.Min(y0, y), Math.Max(y1, y));
            }
        }
        foreach (var lesion in lesions)
        {
            Include(lesion.Voxels);
            Include(lesion.OedemaVoxels);
        }
        return (first, last, new PixelBox(x0, y0, x1, y1));
    }

    /// <summary>
    /// Local mass effect: brain is pushed away from each lesion of ≥ 3 ml (a smooth radial field with compact support),
    /// and a large one (≥ 25 ml) also shifts the midline towards the other side; sulci near it are effaced. Bone and
    /// everything outside the cavity stay put (the field fades to 0 within 6 mm of the inner table).
    /// </summary>
    private (float ShiftMm, float MarginMm) ApplyMassEffect(List<LesionField> lesions, List<Push> pushes, ModifiedSlab target)
    {
        var v = _b.Volume;
        int w = v.Width, h = v.Height, d = v.Depth;
        float px = v.PixelSpacingMm, sz = v.SliceSpacingMm;
        var source = v.Hounsfield;
        var margin = lesions.Count == 0 ? 0f : lesions.Max(l => l.OedemaRimMm) + px;
        var midlineShift = 0f;
        foreach (var (cx, cy, cz, amplitude, radius, shift, side, shiftRadius, support, rx, rz) in pushes)
        {
            margin = MathF.Max(margin, support);
            midlineShift = MathF.Max(midlineShift, shift);
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

    /// <summary>
    /// How far partial-volume lesion content (below the mask's half-voxel rule) reaches beyond the masks, mm: the largest
    /// distance (<see cref="VolumeOps.DistanceInside"/> of the unmasked voxels) at a touched voxel. Worked out in a box
    /// around the touched voxels, grown until no chain of steps that could give one of their values leaves it, so the
    /// value is the whole volume's to the bit.
    /// </summary>
    private static float FringeMm(byte[][] masks, TouchedVoxels touched, Acquisition a)
    {
        if (touched.IsEmpty) return 0f;
        int w = a.Width, h = a.Height, depth = masks.Length, plane = w * h;
        var reach = 8f;
        while (true)
        {
            int mx = (int)MathF.Ceiling(reach / a.PixelMm), mz = (int)MathF.Ceiling(reach / a.ThicknessMm);
            int x0 = Math.Max(0, touched.X0 - mx), x1 = Math.Min(w - 1, touched.X1 + mx);
            int y0 = Math.Max(0, touched.Y0 - mx), y1 = Math.Min(h - 1, touched.Y1 + mx);
            int z0 = Math.Max(0, touched.Z0 - mz), z1 = Math.Min(depth - 1, touched.Z1 + mz);
            int bw = x1 - x0 + 1, bh = y1 - y0 + 1, bd = z1 - z0 + 1;
            var cut = (x0 > 0 ? CutFaces.XLow : 0) | (x1 < w - 1 ? CutFaces.XHigh : 0) | (y0 > 0 ? CutFaces.YLow : 0)
                | (y1 < h - 1 ? CutFaces.YHigh : 0) | (z0 > 0 ? CutFaces.ZLow : 0) | (z1 < depth - 1 ? CutFaces.ZHigh : 0);
            var d = new float[bw * bh * bd];
            for (var z = 0; z < bd; z++)
            for (var y = 0; y < bh; y++)
            {
                var mask = masks[z0 + z].AsSpan((y0 + y) * w + x0, bw);
                var row = d.AsSpan((z * bh + y) * bw, bw);
                for (var x = 0; x < bw; x++) row[x] = mask[x] == 0 ? float.MaxValue : 0f;
            }
            VolumeOps.Chamfer(d, bw, bh, bd, a.PixelMm, a.ThicknessMm, cut);
            var fringe = 0f;
            var exact = true;
            for (var z = touched.Z0; z <= touched.Z1; z++)
            for (var y = touched.Y0; y <= touched.Y1; y++)
            for (var x = touched.X0; x <= touched.X1; x++)
            {
                if (!touched.Contains(z, y * w + x)) continue;
                var value = d[((z - z0) * bh + y - y0) * bw + x - x0];
                if (value > fringe) fringe = value;
                // Steps are at least as long as their weights, so a chain of value v stays within v (plus float rounding) of the voxel.
                var room = float.MaxValue;
                if (cut.HasFlag(CutFaces.XLow)) room = MathF.Min(room, (x - x0 + 1) * a.PixelMm);
                if (cut.HasFlag(CutFaces.XHigh)) room = MathF.Min(room, (x1 - x + 1) * a.PixelMm);
                if (cut.HasFlag(CutFaces.YLow)) room = MathF.Min(room, (y - y0 + 1) * a.PixelMm);
                if (cut.HasFlag(CutFaces.YHigh)) room = MathF.Min(room, (y1 - y + 1) * a.PixelMm);
                if (cut.HasFlag(CutFaces.ZLow)) room = MathF.Min(room, (z - z0 + 1) * a.ThicknessMm);
                if (cut.HasFlag(CutFaces.ZHigh)) room = MathF.Min(room, (z1 - z + 1) * a.ThicknessMm);
                if (!(value * 1.001f + 1e-3f < room)) exact = false;
            }
            if (exact || cut == CutFaces.None) return fringe;
            reach *= 2f;
        }
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
    private void Composite(List<LesionField> lesions, ModifiedSlab target)
    {
        var v = _b.Volume;
        int w = v.Width, h = v.Height, plane = v.SliceSize;
        float LocalMean(short[] data, int offset, int i)
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
                sum += data[j - offset];
                n++;
            }
            return n == 0 ? data[i - offset] : sum / n;
        }

        foreach (var lesion in lesions)
        {
            // The state before this lesion, on the slices its voxels lie in (the 3×3 mean stays in-plane).
            int low = int.MaxValue, high = -1;
            foreach (var i in lesion.Voxels) (low, high) = (Math.Min(low, i / plane), Math.Max(high, i / plane));
            var snapshot = high < low ? [] : target.Data.AsSpan(low * plane - target.Base, (high - low + 1) * plane).ToArray();
            var offset = low * plane;
            for (var k = 0; k < lesion.OedemaVoxels.Count; k++)
            {
                var i = lesion.OedemaVoxels[k];
                target[i] = (short)MathF.Round(target[i] - lesion.OedemaFractions[k] * lesion.OedemaDropHu);
            }
            for (var k = 0; k < lesion.Voxels.Count; k++)
            {
                var i = lesion.Voxels[k];
                var f = lesion.Fractions[k];
                var value = snapshot[i - offset] + f * (lesion.DensityHu - LocalMean(snapshot, offset, i));
                target[i] = (short)Math.Clamp(MathF.Round((1 - f) * target[i] + f * value), -1024f, 3071f);
            }
        }
    }

    /// <summary>
    /// The lesions' fractions (0–100, the largest where they overlap) on the background slices they fill, with the
    /// in-plane box outside which they are 0.
    /// </summary>
    private (byte[] Fractions, int First, int Last, PixelBox Box) Fractions(IEnumerable<LesionField> lesions)
    {
        int w = _b.Volume.Width, plane = _b.Volume.SliceSize;
        var list = lesions.ToList();
        int first = int.MaxValue, last = -1, x0 = int.MaxValue, x1 = -1, y0 = int.MaxValue, y1 = -1;
        foreach (var l in list)
        foreach (var i in l.Voxels)
        {
            int z = i / plane, x = i % w, y = i % plane / w;
            (first, last, x0, x1, y0, y1) = (Math.Min(first, z), Math.Max(last, z), Math.Min(x0, x), Math.Max(x1, x), Math.Min(y0, y), Math.Max(y1, y));
        }
        var box = new PixelBox(x0, y0, x1, y1);
        if (last < first) return ([], first, last, box);
        var f = new byte[(last - first + 1) * plane];
        var offset = first * plane;
        foreach (var l in list)
        for (var k = 0; k < l.Voxels.Count; k++)
        {
            var i = l.Voxels[k] - offset;
            f[i] = (byte)Math.Max(f[i], (int)MathF.Round(l.Fractions[k] * 100f));
        }
        return (f, first, last, box);
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
    /// Adds the re-acquisition's extra noise (if any) to the twin's slices and to the lesion slices that are not the
    /// twin's own arrays, drawing it slice by slice from <paramref name="rng"/>.
    /// </summary>
    private void AddNoise(PhantomRandom rng, Acquisition a, short[][] twin, short[][]? slices)
    {
        if (a.NoiseSdHu <= 0f) return;
        var noise = new CorrelatedNoise(rng, FilterCoefficient(_b.NoiseCorrelation), a.Width, a.Height);
        for (var j = 0; j < twin.Length; j++)
        {
            var n = noise.Next();
            CorrelatedNoise.AddTo(twin[j], n, a.NoiseSdHu);
            if (slices is not null && !ReferenceEquals(slices[j], twin[j])) CorrelatedNoise.AddTo(slices[j], n, a.NoiseSdHu);
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

    /// <summary>The push a lesion exerts (see <see cref="ApplyMassEffect"/>): centre in voxels, sizes in mm, reach in voxels.</summary>
    private readonly record struct Push(float Cx, float Cy, float Cz, float Amplitude, float Radius, float Shift, float Side,
        float ShiftRadius, float Support, int Rx, int Rz);

    /// <summary>One re-acquisition of the background.</summary>
    private sealed record Acquisition(int Width, int Height, float PixelMm, float ThicknessMm, int Factor, int Offset, int SliceCount,
        float RotationDegrees, float ShiftXmm, float ShiftYmm, float NoiseSdHu)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{ThicknessMm:0.##}mm offset {Offset} rot {RotationDegrees:0.0}deg shift {ShiftXmm:0.0}/{ShiftYmm:0.0}mm noise+{NoiseSdHu:0.0}HU");
    }
}
