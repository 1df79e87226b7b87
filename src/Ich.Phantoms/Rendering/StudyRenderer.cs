using System.Numerics;
using Ich.Phantoms.Anatomy;
using Ich.Phantoms.Lesions;

namespace Ich.Phantoms.Rendering;

/// <summary>
/// Turns a head model and its lesions into CT slices, the way a scanner would blur them:
/// the slice profile as a weighted sum of planes across the slice, the in-plane point spread by a Gaussian at a base
/// resolution (at most 256², upsampled bilinearly — the PSF is wider than a 512² pixel, so nothing is lost),
/// then correlated quantum noise at full resolution, then integer HU. The scanner sets the kernel's point spread, the
/// grey–white contrast and the HU calibration; each slice is sampled on its (possibly gantry-tilted) plane.
/// </summary>
/// <remarks>
/// The slice sensitivity profile is a triangle whose full width at half maximum is the slice thickness (what a helical
/// scanner's z-interpolation gives, rather than a box), sampled by planes from one half-maximum point to the other.
/// Contiguous untilted slices meet at those points, so a slice's lowest plane is the one below's highest: each plane
/// is evaluated once and used by both, which cuts the anatomy evaluations per slice from m + 1 to m.
/// </remarks>
internal sealed class StudyRenderer
{
    /// <summary>Largest spacing between the planes that sample the slice profile, mm (2 planes up to 2.5 mm slices, 3 up to 5 mm).</summary>
    public const float MaxPlaneSpacingMm = 2.5f;

    private readonly HeadModel _head;
    private readonly Lesion[] _lesions;
    private readonly StudyGeometry _geometry;
    private readonly NoiseField? _noise;
    private readonly float _noiseSd;
    private readonly ArtefactPlan _artefacts;
    private readonly ScannerSettings _scanner;
    private readonly float _whiteMatterHu;
    private readonly int _base, _factor;
    private readonly float _baseSpacing;
    private readonly float[] _sum, _blurTemp, _kernel;
    private readonly float[] _planeOffsets, _planeWeights;
    private readonly ProfilePlane[] _planes;
    private readonly bool _sharesPlanes;
    private readonly int _centrePlane;
    private readonly AnatomySample[] _row;
    private readonly Lesion?[] _active;
    private readonly float[] _outerRadii;
    private readonly float _outerTop;
    private ProfilePlane? _centreScratch;
    private int _carriedFrom = -1;

    // The head rest behind the scalp (up to 22 mm), plus a margin.
    private const float Margin = 25f;

    public StudyRenderer(HeadModel head, IReadOnlyList<Lesion> lesions, StudyGeometry geometry, NoiseField? noise, float noiseSd, ArtefactPlan artefacts,
        ScannerSettings? scanner = null, bool shareBoundaryPlanes = true)
    {
        if (lesions.Count > 8) throw new ArgumentOutOfRangeException(nameof(lesions), lesions.Count, "At most 8 lesions per study (one bit each per plane).");
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
        // A tilted gantry moves the table along z while the planes step along their tilted normal, so neighbouring
        // slices' pixel grids do not coincide on the shared plane: every plane of every slice is evaluated.
        _sharesPlanes = shareBoundaryPlanes && geometry.GantryTiltDegrees == 0f;
        (_planeOffsets, _planeWeights) = ProfilePlanes(geometry.SliceThicknessMm, shared: geometry.GantryTiltDegrees == 0f);
        _centrePlane = Array.IndexOf(_planeOffsets, 0f);
        _planes = new ProfilePlane[_planeOffsets.Length];
        for (var j = 0; j < _planes.Length; j++) _planes[j] = new ProfilePlane(_base);
        _sum = new float[_base * _base];
        _blurTemp = new float[_base * _base];
        _row = new AnatomySample[_base];
        _active = new Lesion?[_lesions.Length];
        _kernel = GaussianKernel(_scanner.PointSpreadSigmaMm / _baseSpacing);
        var outer = head.OuterSemiAxes;
        _outerRadii = [outer.X, outer.Y];
        _outerTop = outer.Z;
    }

    /// <summary>Side of the base (pre-upsampling) grid.</summary>
    public int BaseMatrix => _base;

    /// <summary>Planes evaluated so far (slice profile planes, not diagnostic-only ones).</summary>
    public int PlanesEvaluated { get; private set; }

    /// <summary>
    /// The planes that sample a slice of <paramref name="thicknessMm"/>. Shared (untilted) slices take offsets along
    /// the normal from one half-maximum point of the triangular profile to the other, at most
    /// <see cref="MaxPlaneSpacingMm"/> apart, weighted by the triangle's height there (normalised to sum to 1).
    /// Unshared (tilted) slices would pay for the third plane in full, so where that profile has three planes they take
    /// two of equal weight at ±T/(2√2), which have the same mean and variance across the slice.
    /// </summary>
    internal static (float[] Offsets, float[] Weights) ProfilePlanes(float thicknessMm, bool shared = true)
    {
        var intervals = Math.Max(1, (int)MathF.Ceiling(thicknessMm / MaxPlaneSpacingMm - 1e-3f));
        if (!shared && intervals == 2)
        {
            var a = thicknessMm * MathF.Sqrt(2f) / 4f;
            return ([-a, a], [0.5f, 0.5f]);
        }
        var offsets = new float[intervals + 1];
        var weights = new float[intervals + 1];
        var total = 0f;
        for (var j = 0; j <= intervals; j++)
        {
            var fraction = (float)j / intervals - 0.5f;
            offsets[j] = fraction * thicknessMm;
            total += weights[j] = 1f - MathF.Abs(fraction);
        }
        for (var j = 0; j < weights.Length; j++) weights[j] /= total;
        return (offsets, weights);
    }

    /// <summary>
    /// Renders slice <paramref name="slice"/> into <paramref name="output"/> (HU, row-major).
    /// Returns the bit mask of subtypes with lesion voxels in the slice; adds each lesion's voxel count to
    /// <paramref name="lesionVoxels"/>. A voxel belongs to a lesion when the lesion fills at least half of its
    /// slice profile (by the profile's weights).
    /// </summary>
    public byte RenderSlice(int slice, Span<short> output, Span<int> lesionVoxels, SliceDiagnostics? diagnostics = null)
    {
        var n = _geometry.Matrix;
        if (output.Length != n * n) throw new ArgumentException($"Output must hold {n}×{n} values.", nameof(output));
        diagnostics?.Clear();
        var last = _planes.Length - 1;
        var motion = _artefacts.MotionShift(slice);
        for (var j = 0; j <= last; j++)
        {
            // Motion ghosts part of the profile: the lowest plane, evaluated for this slice alone.
            var shift = j == 0 ? motion : Vector3.Zero;
            if (j == 0 && CanReuseLowestPlane(slice, shift, diagnostics)) continue;
            // The plane shared with the slice below is always computed from that slice, so it has the same bits
            // whether it was carried over or evaluated afresh.
            var (from, offset) = j == 0 && _sharesPlanes && slice > 0 ? (slice - 1, _planeOffsets[last]) : (slice, _planeOffsets[j]);
            RenderPlane(from, offset, shift, _planes[j], diagnostics is not null);
            PlanesEvaluated++;
        }
        if (diagnostics is not null) RecordCentreTissue(slice, diagnostics);

        // The profile's weights sum to 1, so weighting and calibrating are one linear pass (and commute with the blur).
        var offsetHu = _scanner.CalibrationOffsetHu;
        var gain = 1f + offsetHu / 1000f;
        WeightedSum(gain, offsetHu);
        _artefacts.AddStreaks(slice, _sum, _base, _baseSpacing);

        var mask = LabelVoxels(lesionVoxels, diagnostics);
        if (diagnostics is not null)
        {
            foreach (var plane in _planes) plane.AddReachTo(diagnostics);
        }

        // This slice's highest plane is the next slice's lowest.
        (_planes[0], _planes[last]) = (_planes[last], _planes[0]);
        _carriedFrom = _sharesPlanes ? slice : -1;

        Blur(_sum, _blurTemp, _base, _kernel);
        if (diagnostics is not null) _sum.AsSpan().CopyTo(diagnostics.NoiseFreeHu);
        Compose(slice, output);
        return mask;
    }

    /// <summary>Whether the plane carried over from the slice below can stand as this slice's lowest plane.</summary>
    private bool CanReuseLowestPlane(int slice, Vector3 shift, SliceDiagnostics? diagnostics) =>
        _sharesPlanes && shift == Vector3.Zero && _carriedFrom == slice - 1 && slice > 0
        && (diagnostics is null || _planes[0].HasDiagnostics);

    /// <summary>_sum = gain · Σ weight·plane + offset, a vector at a time.</summary>
    private void WeightedSum(float gain, float offsetHu)
    {
        var width = Vector<float>.Count;
        var length = _sum.Length;
        var first = _planes[0].Hu;
        var w0 = _planeWeights[0] * gain;
        var i = 0;
        for (; i <= length - width; i += width) (new Vector<float>(w0) * new Vector<float>(first, i)).CopyTo(_sum, i);
        for (; i < length; i++) _sum[i] = w0 * first[i];
        for (var j = 1; j < _planes.Length; j++)
        {
            var hu = _planes[j].Hu;
            var w = _planeWeights[j] * gain;
            var wv = new Vector<float>(w);
            i = 0;
            for (; i <= length - width; i += width) (new Vector<float>(_sum, i) + wv * new Vector<float>(hu, i)).CopyTo(_sum, i);
            for (; i < length; i++) _sum[i] += w * hu[i];
        }
        if (offsetHu == 0f) return;
        var ov = new Vector<float>(offsetHu);
        i = 0;
        for (; i <= length - width; i += width) (new Vector<float>(_sum, i) + ov).CopyTo(_sum, i);
        for (; i < length; i++) _sum[i] += offsetHu;
    }

    /// <summary>
    /// Counts the voxels each lesion fills by at least half of the profile's weight, and returns the subtypes present.
    /// </summary>
    private byte LabelVoxels(Span<int> lesionVoxels, SliceDiagnostics? diagnostics)
    {
        if (_lesions.Length == 0) return 0;
        byte mask = 0;
        var length = _sum.Length;
        var width = Vector<byte>.Count;
        for (var start = 0; start < length; start += width)
        {
            // Lesions cover a small part of a slice: skip a vector of points at a time where no plane holds one.
            var end = Math.Min(start + width, length);
            if (end - start == width && NoLesionIn(start)) continue;
            for (var i = start; i < end; i++)
            {
                byte any = 0;
                foreach (var plane in _planes) any |= plane.Lesions[i];
                if (any != 0) mask |= LabelVoxel(i, any, lesionVoxels, diagnostics);
            }
        }
        return mask;
    }

    /// <summary>Labels point <paramref name="i"/>, which some plane's lesions (bits <paramref name="any"/>) hold; returns its subtypes.</summary>
    private byte LabelVoxel(int i, byte any, Span<int> lesionVoxels, SliceDiagnostics? diagnostics)
    {
        byte voxelMask = 0;
        for (var l = 0; l < _lesions.Length; l++)
        {
            if ((any & (1 << l)) == 0) continue;
            var filled = 0f;
            for (var j = 0; j < _planes.Length; j++)
                if ((_planes[j].Lesions[i] & (1 << l)) != 0) filled += _planeWeights[j];
            // Weights of 1/2 and 1/4 are exact; the margin covers the thick-slice profiles' rounding.
            if (filled < 0.5f - 1e-5f) continue;
            lesionVoxels[l]++;
            voxelMask |= _lesions[l].Subtype.Bit();
        }
        if (diagnostics is not null) diagnostics.LesionMask[i] = voxelMask;
        return voxelMask;
    }

    /// <summary>Whether no plane holds a lesion bit in the vector of points from <paramref name="start"/>.</summary>
    private bool NoLesionIn(int start)
    {
        var any = Vector<byte>.Zero;
        foreach (var plane in _planes) any |= new Vector<byte>(plane.Lesions, start);
        return any == Vector<byte>.Zero;
    }

    /// <summary>
    /// Tissue at the slice centre for the diagnostics: the centre plane's when the profile has one, else a plane
    /// evaluated for the map alone (it does not enter the slice).
    /// </summary>
    private void RecordCentreTissue(int slice, SliceDiagnostics diagnostics)
    {
        if (_centrePlane >= 0)
        {
            _planes[_centrePlane].Tissue.CopyTo(diagnostics.Tissue, 0);
            return;
        }
        _centreScratch ??= new ProfilePlane(_base);
        RenderPlane(slice, 0f, Vector3.Zero, _centreScratch, diagnostics: true);
        _centreScratch.Tissue.CopyTo(diagnostics.Tissue, 0);
    }

    /// <summary>
    /// Samples the plane <paramref name="normalOffsetMm"/> along the normal from slice <paramref name="slice"/>'s
    /// centre into <paramref name="plane"/>: HU and the bit of each lesion painted there, and with
    /// <paramref name="diagnostics"/> the tissue and the reach maps (only previews and tests read them).
    /// </summary>
    private void RenderPlane(int slice, float normalOffsetMm, Vector3 motion, ProfilePlane plane, bool diagnostics)
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
        plane.Reset(diagnostics);

        // Above the equator the head narrows: shrink the search ellipse to this plane's widest cross-section
        // (the head is rotated a few degrees and the gantry may tilt, so take the plane's lowest point within reach).
        var centreHeight = (origin + (step + down) * (_base / 2f)).Z;
        var tiltDrop = _outerRadii[1] * MathF.Abs(g.ColumnDirection.Z);
        var lowest = MathF.Max(0f, centreHeight - 25f - tiltDrop) / _outerTop;
        var shrink = lowest >= 1f ? 0f : MathF.Sqrt(1f - lowest * lowest);
        var n = _base;
        var hu = plane.Hu;
        var tissue = diagnostics ? plane.Tissue : null;
        for (var row = 0; row < n; row++)
        {
            var rowStart = origin + down * row;
            var (i0, i1) = HeadSpan(rowStart, step, n, shrink);
            var baseIndex = row * n;
            hu.AsSpan(baseIndex, i0).Fill(-1000f);
            hu.AsSpan(baseIndex + i1, n - i1).Fill(-1000f);
            if (diagnostics)
            {
                tissue!.AsSpan(baseIndex, i0).Fill((byte)Tissue.Air);
                tissue.AsSpan(baseIndex + i1, n - i1).Fill((byte)Tissue.Air);
            }
            _head.EvaluateRow(rowStart, step, i0, i1, _row);
            for (var i = i0; i < i1; i++)
            {
                ref var s = ref _row[i - i0];
                // A scanner's grey–white contrast: parenchyma spread about white matter, before blood is painted over it.
                if (scaleContrast && s.Tissue.IsParenchyma()) s.Hu = _whiteMatterHu + (s.Hu - _whiteMatterHu) * contrast;
                var unpainted = s.Hu;
                if (anyActive && s.Tissue.IsIntracranial()) plane.Lesions[baseIndex + i] = PaintLesions(rowStart + step * i, ref s);
                hu[baseIndex + i] = s.Hu;
                if (!diagnostics) continue;
                tissue![baseIndex + i] = (byte)s.Tissue;
                plane.RecordReach(baseIndex + i, s, unpainted);
            }
        }
    }

    /// <summary>Paints the plane's lesions at <paramref name="p"/>; returns the bits of those that hold it.</summary>
    private byte PaintLesions(Vector3 p, ref AnatomySample s)
    {
        byte bits = 0;
        for (var l = 0; l < _active.Length; l++)
        {
            var lesion = _active[l];
            if (lesion is null || !lesion.MayContain(p)) continue;
            if (lesion.Paint(p, ref s)) bits |= (byte)(1 << l);
        }
        return bits;
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
