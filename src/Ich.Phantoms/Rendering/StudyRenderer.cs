using System.Numerics;
using Ich.Phantoms.Anatomy;
using Ich.Phantoms.Lesions;

namespace Ich.Phantoms.Rendering;

/// <summary>
/// Turns a head model and its lesions into CT slices, the way a scanner would blur them:
/// the slice profile by averaging sub-slices, the in-plane point spread by a Gaussian at a base resolution
/// (at most 256², upsampled bilinearly — the PSF is wider than a 512² pixel, so nothing is lost),
/// then correlated quantum noise at full resolution, then integer HU. The scanner sets the kernel's point spread, the
/// grey–white contrast and the HU calibration; each slice is sampled on its (possibly gantry-tilted) plane.
/// </summary>
internal sealed class StudyRenderer
{
    /// <summary>Largest spacing between the sub-slices that sample the slice profile, mm (2 up to 4 mm slices, 3 above).</summary>
    public const float MaxSubSliceSpacingMm = 2f;

    private readonly HeadModel _head;
    private readonly Lesion[] _lesions;
    private readonly StudyGeometry _geometry;
    private readonly NoiseField? _noise;
    private readonly float _noiseSd;
    private readonly ArtefactPlan _artefacts;
    private readonly ScannerSettings _scanner;
    private readonly float _whiteMatterHu;
    private readonly int _base, _factor, _subSlices;
    private readonly float _baseSpacing;
    private readonly float[] _sum, _blurTemp, _kernel;
    private readonly ushort[] _hits;
    private readonly AnatomySample[] _row;
    private readonly Lesion?[] _active;
    private readonly float[] _outerRadii;
    private readonly float _outerTop;

    // The head rest behind the scalp (up to 22 mm), plus a margin.
    private const float Margin = 25f;

    public StudyRenderer(HeadModel head, IReadOnlyList<Lesion> lesions, StudyGeometry geometry, NoiseField? noise, float noiseSd, ArtefactPlan artefacts,
        ScannerSettings? scanner = null)
    {
        if (lesions.Count > 8) throw new ArgumentOutOfRangeException(nameof(lesions), lesions.Count, "At most 8 lesions per study.");
        _head = head;
        _lesions = [.. lesions];
        _geometry = geometry;
        _noise = noise;
        _noiseSd = noiseSd;
        _artefacts = artefacts;
        _scanner = scanner ?? ScannerSettings.Reference;
        _whiteMatterHu = head.WhiteMatterHu;
        _factor = geometry.Matrix > 256 ? 2 : 1;
        _base = geometry.Matrix / _factor;
        _baseSpacing = geometry.PixelSpacingMm * _factor;
        // Two or three samples across the profile (the lesion counters hold up to 3 per voxel).
        _subSlices = Math.Clamp((int)MathF.Ceiling(geometry.SliceThicknessMm / MaxSubSliceSpacingMm - 1e-3f), 2, 3);
        _sum = new float[_base * _base];
        _blurTemp = new float[_base * _base];
        _hits = new ushort[_base * _base];
        _row = new AnatomySample[_base];
        _active = new Lesion?[_lesions.Length];
        _kernel = GaussianKernel(_scanner.PointSpreadSigmaMm / _baseSpacing);
        var outer = head.OuterSemiAxes;
        _outerRadii = [outer.X, outer.Y];
        _outerTop = outer.Z;
    }

    /// <summary>Side of the base (pre-upsampling) grid.</summary>
    public int BaseMatrix => _base;

    /// <summary>
    /// Renders slice <paramref name="slice"/> into <paramref name="output"/> (HU, row-major).
    /// Returns the bit mask of subtypes with lesion voxels in the slice; adds each lesion's voxel count to
    /// <paramref name="lesionVoxels"/>. A voxel belongs to a lesion when the lesion fills at least half of its
    /// slice profile.
    /// </summary>
    public byte RenderSlice(int slice, Span<short> output, Span<int> lesionVoxels, SliceDiagnostics? diagnostics = null)
    {
        var n = _geometry.Matrix;
        if (output.Length != n * n) throw new ArgumentException($"Output must hold {n}×{n} values.", nameof(output));
        Array.Clear(_sum);
        Array.Clear(_hits);
        diagnostics?.Clear();
        var thickness = _geometry.SliceThicknessMm;
        for (var sub = 0; sub < _subSlices; sub++)
        {
            var offset = ((sub + 0.5f) / _subSlices - 0.5f) * thickness;
            var motion = sub == 0 ? _artefacts.MotionShift(slice) : Vector3.Zero;
            RenderPlane(slice, offset, motion, diagnostics, sub == _subSlices / 2);
        }

        // Averaging the sub-slices and calibrating are both linear, so one pass does both (and commutes with the blur).
        var offsetHu = _scanner.CalibrationOffsetHu;
        var scale = 1f / _subSlices;
        if (offsetHu == 0f)
        {
            for (var i = 0; i < _sum.Length; i++) _sum[i] *= scale;
        }
        else
        {
            var gain = scale * (1f + offsetHu / 1000f);
            for (var i = 0; i < _sum.Length; i++) _sum[i] = _sum[i] * gain + offsetHu;
        }
        _artefacts.AddStreaks(slice, _sum, _base, _baseSpacing);

        byte mask = 0;
        for (var i = 0; i < _hits.Length; i++)
        {
            var h = _hits[i];
            if (h == 0) continue;
            byte voxelMask = 0;
            for (var l = 0; l < _lesions.Length; l++)
            {
                var count = (h >> (2 * l)) & 3;
                if (2 * count < _subSlices) continue;
                lesionVoxels[l]++;
                voxelMask |= _lesions[l].Subtype.Bit();
            }
            mask |= voxelMask;
            if (diagnostics is not null) diagnostics.LesionMask[i] = voxelMask;
        }

        Blur(_sum, _blurTemp, _base, _kernel);
        if (diagnostics is not null) _sum.AsSpan().CopyTo(diagnostics.NoiseFreeHu);
        Compose(slice, output);
        return mask;
    }

    /// <summary>Samples the plane <paramref name="normalOffsetMm"/> along the normal from slice <paramref name="slice"/>'s centre.</summary>
    private void RenderPlane(int slice, float normalOffsetMm, Vector3 motion, SliceDiagnostics? diagnostics, bool centre)
    {
        var g = _geometry;
        var step = g.PatientDirectionToHead(g.RowDirection) * _baseSpacing;
        var down = g.PatientDirectionToHead(g.ColumnDirection) * _baseSpacing;
        // Centre of base pixel (0, 0): base pixels cover factor×factor output pixels.
        var half = (_factor - 1) * 0.5f;
        var origin = g.PatientToHead(g.PixelToPatient(half, half, slice) + g.Normal * normalOffsetMm) - motion;
        var planeNormal = Vector3.Normalize(g.PatientDirectionToHead(g.Normal)); // unit in the head frame too, whatever the head's scale

        // Lesions whose bounding sphere reaches this plane.
        var slot = 0;
        var planeLesions = 0;
        foreach (var lesion in _lesions)
        {
            var c = (lesion.BoundsMin + lesion.BoundsMax) * 0.5f;
            var radius = (lesion.BoundsMax - lesion.BoundsMin).Length() * 0.5f;
            var reaches = MathF.Abs(Vector3.Dot(c - origin, planeNormal)) <= radius;
            if (reaches) planeLesions |= 1 << slot;
            _active[slot++] = reaches ? lesion : null;
        }
        // Only lesions that reach the plane are painted; with none, intracranial voxels skip the lesion loop.
        var anyActive = planeLesions != 0;
        var contrast = _scanner.GreyWhiteContrast;
        var scaleContrast = contrast != 1f;

        // Above the equator the head narrows: shrink the search ellipse to this plane's widest cross-section
        // (the head is rotated a few degrees and the gantry may tilt, so take the plane's lowest point within reach).
        var centreHeight = (origin + (step + down) * (_base / 2f)).Z;
        var tiltDrop = _outerRadii[1] * MathF.Abs(g.ColumnDirection.Z);
        var lowest = MathF.Max(0f, centreHeight - 25f - tiltDrop) / _outerTop;
        var shrink = lowest >= 1f ? 0f : MathF.Sqrt(1f - lowest * lowest);
        var n = _base;
        for (var row = 0; row < n; row++)
        {
            var rowStart = origin + down * row;
            var (i0, i1) = HeadSpan(rowStart, step, n, shrink);
            var baseIndex = row * n;
            for (var i = 0; i < i0; i++) _sum[baseIndex + i] += -1000f;
            for (var i = i1; i < n; i++) _sum[baseIndex + i] += -1000f;
            _head.EvaluateRow(rowStart, step, i0, i1, _row);
            for (var i = i0; i < i1; i++)
            {
                var p = rowStart + step * i;
                ref var s = ref _row[i - i0];
                // A scanner's grey–white contrast: parenchyma spread about white matter, before blood is painted over it.
                if (scaleContrast && s.Tissue.IsParenchyma()) s.Hu = _whiteMatterHu + (s.Hu - _whiteMatterHu) * contrast;
                var unpainted = s.Hu;
                if (anyActive && s.Tissue.IsIntracranial()) PaintLesions(p, ref s, baseIndex + i);
                _sum[baseIndex + i] += s.Hu;
                if (diagnostics is not null) RecordReach(diagnostics, baseIndex + i, s, unpainted);
                if (centre && diagnostics is not null) diagnostics.Tissue[baseIndex + i] = (byte)s.Tissue;
            }
            if (centre && diagnostics is not null)
            {
                for (var i = 0; i < i0; i++) diagnostics.Tissue[baseIndex + i] = (byte)Tissue.Air;
                for (var i = i1; i < n; i++) diagnostics.Tissue[baseIndex + i] = (byte)Tissue.Air;
            }
        }
    }

    /// <summary>Marks where any sub-slice sample lies inside the dura (mass effect can reach it) or was changed by a lesion.</summary>
    private static void RecordReach(SliceDiagnostics diagnostics, int index, in AnatomySample s, float unpainted)
    {
        if (s.Tissue.IsIntracranial()) diagnostics.Intracranial[index] = 1;
        if (s.Hu != unpainted) diagnostics.LesionFootprint[index] = 1;
    }

    private void PaintLesions(Vector3 p, ref AnatomySample s, int index)
    {
        for (var l = 0; l < _active.Length; l++)
        {
            var lesion = _active[l];
            if (lesion is null || !lesion.MayContain(p)) continue;
            if (lesion.Paint(p, ref s)) _hits[index] += (ushort)(1 << (2 * l));
        }
    }

    /// <summary>
    /// The columns of a row that can touch the head (or the head rest): the row line intersected with a generous
    /// ellipse around the head, so air is not evaluated point by point.
    /// </summary>
    private (int Start, int End) HeadSpan(Vector3 rowStart, Vector3 step, int n, float shrink)
    {
        // Solve ((x0 + t sx)/A)² + ((y0 + t sy)/B)² ≤ 1 for t.
        float ia = 1f / (_outerRadii[0] * shrink + Margin), ib = 1f / (_outerRadii[1] * shrink + Margin);
        float x0 = rowStart.X * ia, sx = step.X * ia, y0 = rowStart.Y * ib, sy = step.Y * ib;
        var qa = sx * sx + sy * sy;
        var qb = 2f * (x0 * sx + y0 * sy);
        var qc = x0 * x0 + y0 * y0 - 1f;
        var disc = qb * qb - 4f * qa * qc;
        if (disc <= 0f || qa <= 0f) return (0, 0);
        var root = MathF.Sqrt(disc);
        var t0 = (-qb - root) / (2f * qa);
        var t1 = (-qb + root) / (2f * qa);
        var start = Math.Clamp((int)MathF.Floor(t0), 0, n);
        var end = Math.Clamp((int)MathF.Ceiling(t1) + 1, start, n);
        return (start, end);
    }

    private void Compose(int slice, Span<short> output)
    {
        var n = _geometry.Matrix;
        var sd = _noise is null ? 0f : _noiseSd * _artefacts.NoiseFactor(slice);
        var (ox, oy) = _artefacts.NoiseOffset(slice);
        Span<float> line = stackalloc float[n];
        Span<float> noiseLine = stackalloc float[n];
        for (var row = 0; row < n; row++)
        {
            if (_factor == 1) _sum.AsSpan(row * n, n).CopyTo(line);
            else UpsampleRow(row, line);
            var target = output.Slice(row * n, n);
            if (_noise is null)
            {
                QuantiseRow(line, target);
                continue;
            }
            // The texture row read from column ox with wrap-around, as two contiguous copies, so the sum below
            // runs 8 pixels at a time instead of masking an index per pixel.
            var noise = _noise.Row(row + oy);
            var start = ox & (_noise.Size - 1);
            var head = Math.Min(n, noise.Length - start);
            noise.Slice(start, head).CopyTo(noiseLine);
            for (var filled = head; filled < n; filled += noise.Length)
                noise[..Math.Min(noise.Length, n - filled)].CopyTo(noiseLine[filled..]);
            AddScaled(line, noiseLine, sd);
            QuantiseRow(line, target);
        }
    }

    /// <summary>line += sd · noise, a vector at a time.</summary>
    private static void AddScaled(Span<float> line, ReadOnlySpan<float> noise, float sd)
    {
        var width = Vector<float>.Count;
        var sdv = new Vector<float>(sd);
        var i = 0;
        for (; i <= line.Length - width; i += width)
            (new Vector<float>(line[i..]) + sdv * new Vector<float>(noise[i..])).CopyTo(line[i..]);
        for (; i < line.Length; i++) line[i] += sd * noise[i];
    }

    /// <summary>
    /// <see cref="Quantise"/> over a row, vectorised: the scalar form (clamp, floor, convert per pixel) was a tenth
    /// of the generation time at 512². Same arithmetic, so the same integers.
    /// </summary>
    private static void QuantiseRow(ReadOnlySpan<float> line, Span<short> target)
    {
        var width = Vector<float>.Count;
        var low = new Vector<float>(-1024f);
        var high = new Vector<float>(3071f);
        var half = new Vector<float>(0.5f);
        var i = 0;
        for (; i <= line.Length - 2 * width; i += 2 * width)
        {
            var a = Vector.ConvertToInt32(Vector.Floor(Vector.Min(Vector.Max(new Vector<float>(line[i..]), low), high) + half));
            var b = Vector.ConvertToInt32(Vector.Floor(Vector.Min(Vector.Max(new Vector<float>(line[(i + width)..]), low), high) + half));
            Vector.Narrow(a, b).CopyTo(target[i..]);
        }
        for (; i < line.Length; i++) target[i] = Quantise(line[i]);
    }

    /// <summary>Rounds to integer HU within the 12-bit range stored with intercept −1024.</summary>
    private static short Quantise(float hu) => (short)MathF.Floor(Math.Clamp(hu, -1024f, 3071f) + 0.5f);

    /// <summary>Bilinear 2× upsampling of one output row (pixel centres aligned).</summary>
    private void UpsampleRow(int outRow, Span<float> line)
    {
        var n = _base;
        var m = outRow >> 1;
        var other = (outRow & 1) == 0 ? Math.Max(m - 1, 0) : Math.Min(m + 1, n - 1);
        var a = _sum.AsSpan(m * n, n);
        var b = _sum.AsSpan(other * n, n);
        var previous = 0.75f * a[0] + 0.25f * b[0];
        line[0] = previous;
        for (var j = 1; j < n; j++)
        {
            var current = 0.75f * a[j] + 0.25f * b[j];
            line[2 * j - 1] = 0.75f * previous + 0.25f * current;
            line[2 * j] = 0.25f * previous + 0.75f * current;
            previous = current;
        }
        line[2 * n - 1] = previous;
    }

    private static float[] GaussianKernel(float sigma)
    {
        if (sigma < 0.2f) return [1f];
        var radius = Math.Max(1, (int)MathF.Ceiling(2.5f * sigma));
        var k = new float[2 * radius + 1];
        var sum = 0f;
        for (var i = -radius; i <= radius; i++) sum += k[i + radius] = MathF.Exp(-i * i / (2f * sigma * sigma));
        for (var i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }

    private static float ClampedTaps(ReadOnlySpan<float> src, int i, float[] kernel)
    {
        var r = kernel.Length / 2;
        var acc = 0f;
        for (var k = -r; k <= r; k++) acc += kernel[k + r] * src[Math.Clamp(i + k, 0, src.Length - 1)];
        return acc;
    }

    /// <summary>Separable Gaussian blur in place (clamped edges), vectorised along rows.</summary>
    private static void Blur(float[] image, float[] temp, int n, float[] kernel)
    {
        if (kernel.Length == 1) return;
        var r = kernel.Length / 2;
        // Horizontal pass → temp: clamped taps only near the edges; the interior runs a vector of pixels per tap
        // (the per-tap clamp of every pixel was a tenth of the generation time).
        var width = Vector<float>.Count;
        for (var row = 0; row < n; row++)
        {
            var src = image.AsSpan(row * n, n);
            var dst = temp.AsSpan(row * n, n);
            var interiorEnd = n - r;
            var i = 0;
            for (; i < Math.Min(r, n); i++) dst[i] = ClampedTaps(src, i, kernel);
            for (; i <= interiorEnd - width; i += width)
            {
                var acc = Vector<float>.Zero;
                for (var k = -r; k <= r; k++) acc += new Vector<float>(kernel[k + r]) * new Vector<float>(src[(i + k)..]);
                acc.CopyTo(dst[i..]);
            }
            for (; i < n; i++) dst[i] = ClampedTaps(src, i, kernel);
        }
        // Vertical pass → image, whole rows at a time with SIMD.
        for (var row = 0; row < n; row++)
        {
            var dst = image.AsSpan(row * n, n);
            dst.Clear();
            for (var k = -r; k <= r; k++)
            {
                var src = temp.AsSpan(Math.Clamp(row + k, 0, n - 1) * n, n);
                var w = kernel[k + r];
                var wv = new Vector<float>(w);
                var i = 0;
                for (; i <= n - width; i += width)
                {
                    (new Vector<float>(dst.Slice(i)) + wv * new Vector<float>(src.Slice(i))).CopyTo(dst.Slice(i));
                }
                for (; i < n; i++) dst[i] += w * src[i];
            }
        }
    }
}

/// <summary>Per-pixel truth of one rendered slice at the base resolution, for tests and previews.</summary>
internal sealed class SliceDiagnostics(int baseMatrix)
{
    /// <summary>Side of the maps.</summary>
    public int Matrix { get; } = baseMatrix;

    /// <summary>Tissue at the slice centre.</summary>
    public byte[] Tissue { get; } = new byte[baseMatrix * baseMatrix];

    /// <summary>Subtype bits of lesion voxels.</summary>
    public byte[] LesionMask { get; } = new byte[baseMatrix * baseMatrix];

    /// <summary>The slice after slice profile and point spread, before noise and upsampling.</summary>
    public float[] NoiseFreeHu { get; } = new float[baseMatrix * baseMatrix];

    /// <summary>1 where a lesion changed any sample of the slice profile (blood, partial volume or edema), before blur.</summary>
    public byte[] LesionFootprint { get; } = new byte[baseMatrix * baseMatrix];

    /// <summary>1 where any sample of the slice profile lies inside the dura, the only place mass effect moves tissue.</summary>
    public byte[] Intracranial { get; } = new byte[baseMatrix * baseMatrix];

    /// <summary>Resets the maps before a slice is rendered.</summary>
    public void Clear()
    {
        Array.Clear(Tissue);
        Array.Clear(LesionMask);
        Array.Clear(NoiseFreeHu);
        Array.Clear(LesionFootprint);
        Array.Clear(Intracranial);
    }
}
