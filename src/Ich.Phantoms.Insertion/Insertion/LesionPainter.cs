using Ich.Phantoms.Insertion.Analysis;

namespace Ich.Phantoms.Insertion.Insertion;

/// <summary>
/// Draws each subtype where it occurs, from the anatomy the analysis found: epidural lenses and subdural crescents
/// against the inner table (or along the falx), subarachnoid blood in surface CSF, intraventricular layering in the
/// dependent (posterior, patients lie supine) parts of the ventricles, intraparenchymal clots with irregular margins
/// and an oedema rim in deep grey matter, lobes or cerebellum.
/// </summary>
internal sealed class LesionPainter
{
    private readonly HeadBackground _b;
    private readonly int _w, _h, _d;
    private readonly float _px, _sz;
    private readonly int _usableLow, _usableHigh;
    private readonly List<int> _surface = [];
    private readonly List<int> _ventricle = [];

    public LesionPainter(HeadBackground background)
    {
        _b = background;
        var v = background.Volume;
        (_w, _h, _d, _px, _sz) = (v.Width, v.Height, v.Depth, v.PixelSpacingMm, v.SliceSpacingMm);
        // Slices where the cavity is at least 35 % of its largest cross-section: above the skull base, below the vertex cap.
        var areas = new int[_d];
        for (var i = 0; i < background.Tissue.Length; i++) if (background.IsIntracranial(i)) areas[i / (_w * _h)]++;
        var max = areas.Max();
        _usableLow = Array.FindIndex(areas, a => a >= 0.35 * max);
        _usableHigh = Array.FindLastIndex(areas, a => a >= 0.35 * max);
        for (var i = 0; i < background.Tissue.Length; i++)
        {
            var z = i / (_w * _h);
            if (z < _usableLow || z > _usableHigh) continue;
            if (background.IsIntracranial(i) && background.InnerTableDistanceMm[i] <= 1.6f * _px) _surface.Add(i);
            if (background.Tissue[i] == BackgroundTissue.Ventricle) _ventricle.Add(i);
        }
    }

    public bool HasVentricles => _ventricle.Count > 50;

    public LesionField Paint(HemorrhageSubtype subtype, PhantomRandom rng) => subtype switch
    {
        HemorrhageSubtype.Epidural => Epidural(rng),
        HemorrhageSubtype.Subdural => rng.Chance(0.25) ? FalxSubdural(rng) : ConvexitySubdural(rng),
        HemorrhageSubtype.Subarachnoid => Subarachnoid(rng),
        HemorrhageSubtype.Intraventricular => Intraventricular(rng),
        _ => Intraparenchymal(rng),
    };

    private (int X, int Y, int Z) Xyz(int i) => (i % _w, i / _w % _h, i / (_w * _h));

    private float MmFromMidline(int x, int z) => (x - _b.MidlineColumn(z)) * _px;

    private string Side(float mmFromMidline) => mmFromMidline > 0 ? "left" : "right"; // patient left is on the image right.

    private int PickSurface(PhantomRandom rng, float minLateralMm, float lowFraction, float highFraction)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var i = _surface[rng.NextInt(_surface.Count)];
            var (x, _, z) = Xyz(i);
            var t = (z - _usableLow) / (float)Math.Max(1, _usableHigh - _usableLow);
            if (MathF.Abs(MmFromMidline(x, z)) >= minLateralMm && t >= lowFraction && t <= highFraction) return i;
        }
        return _surface[rng.NextInt(_surface.Count)];
    }

    /// <summary>Visits every voxel within <paramref name="radiusMm"/> of voxel <paramref name="centre"/>, with its distance in mm.</summary>
    private void ForBall(int centre, float radiusMm, Action<int, int, int, int, float> visit)
    {
        var (cx, cy, cz) = Xyz(centre);
        int rx = (int)MathF.Ceiling(radiusMm / _px), rz = (int)MathF.Ceiling(radiusMm / _sz);
        for (var z = Math.Max(0, cz - rz); z <= Math.Min(_d - 1, cz + rz); z++)
        for (var y = Math.Max(0, cy - rx); y <= Math.Min(_h - 1, cy + rx); y++)
        for (var x = Math.Max(0, cx - rx); x <= Math.Min(_w - 1, cx + rx); x++)
        {
            float dx = (x - cx) * _px, dy = (y - cy) * _px, dz = (z - cz) * _sz;
            var r = MathF.Sqrt(dx * dx + dy * dy + dz * dz);
            if (r <= radiusMm) visit((z * _h + y) * _w + x, x, y, z, r);
        }
    }

    private static (BleedAge Age, float Hu) Density(PhantomRandom rng, bool allowChronic, bool allowSubacute)
    {
        var u = rng.NextDouble();
        if (allowChronic && u < 0.2) return (BleedAge.Chronic, rng.UniformF(8f, 24f));
        if (allowSubacute && u < 0.4) return (BleedAge.Subacute, rng.UniformF(38f, 50f));
        return (BleedAge.Acute, rng.UniformF(60f, 85f));
    }

    private LesionField Epidural(PhantomRandom rng)
    {
        // A lens against the inner table: thickness T(1 − (r/R)²) measured inward from the table.
        var p = PickSurface(rng, 30f, 0.3f, 0.9f);
        var (px, _, pz) = Xyz(p);
        var side = MathF.Sign(MmFromMidline(px, pz));
        var radius = rng.UniformF(26f, 40f);
        var thickness = rng.UniformF(10f, 22f);
        var field = new LesionField(HemorrhageSubtype.Epidural, $"{Side(side)} {Region(pz)} convexity", BleedAge.Acute, rng.UniformF(62f, 88f));
        ForBall(p, radius, (i, x, _, z, r) =>
        {
            if (!_b.IsIntracranial(i) || MathF.Sign(MmFromMidline(x, z)) != side) return;
            var limit = thickness * (1f - r * r / (radius * radius));
            field.Add(i, (limit - _b.InnerTableDistanceMm[i]) / _px + 0.5f);
        });
        return field;
    }

    private LesionField ConvexitySubdural(PhantomRandom rng)
    {
        // A crescent: thin and wide, T√(1 − (r/R)²) inward from the table, kept to one hemisphere by the falx.
        var p = PickSurface(rng, 35f, 0.25f, 0.85f);
        var (px, _, pz) = Xyz(p);
        var side = MathF.Sign(MmFromMidline(px, pz));
        var radius = rng.UniformF(45f, 70f);
        var thickness = rng.UniformF(7f, 15f);
        var (age, hu) = Density(rng, allowChronic: true, allowSubacute: true);
        var field = new LesionField(HemorrhageSubtype.Subdural, $"{Side(side)} convexity", age, hu);
        ForBall(p, radius, (i, x, _, z, r) =>
        {
            var m = MmFromMidline(x, z);
            if (!_b.IsIntracranial(i) || MathF.Sign(m) != side || MathF.Abs(m) < 4f) return;
            var limit = thickness * MathF.Sqrt(MathF.Max(0f, 1f - r * r / (radius * radius)));
            field.Add(i, (limit - _b.InnerTableDistanceMm[i]) / _px + 0.5f);
        });
        return field;
    }

    private LesionField FalxSubdural(PhantomRandom rng)
    {
        // Along one side of the falx: a sheet up to T thick beside the midline plane, in the upper half of the cavity.
        var z0 = _usableLow + (int)((_usableHigh - _usableLow) * rng.UniformF(0.5f, 0.8f));
        var side = rng.Sign();
        var thickness = rng.UniformF(2.5f, 5f);
        var radius = rng.UniformF(30f, 50f);
        var rows = Enumerable.Range(0, _h).Where(y => _b.IsIntracranial((z0 * _h + y) * _w + (int)_b.MidlineColumn(z0))).ToList();
        var y0 = rows.Count == 0 ? _h / 2 : rows[rows.Count / 4 + rng.NextInt(Math.Max(1, rows.Count / 2))];
        var centre = (z0 * _h + y0) * _w + (int)MathF.Round(_b.MidlineColumn(z0));
        var field = new LesionField(HemorrhageSubtype.Subdural, $"{Side(side)} parafalcine", BleedAge.Acute, rng.UniformF(60f, 80f));
        ForBall(centre, radius, (i, x, _, z, r) =>
        {
            if (!_b.IsIntracranial(i) || _b.Tissue[i] == BackgroundTissue.Ventricle) return;
            var m = MmFromMidline(x, z) * side;
            if (m < 0f) return;
            var limit = thickness * (1f - r * r / (radius * radius));
            field.Add(i, (limit - m) / _px + 0.5f);
        });
        return field;
    }

    private LesionField Subarachnoid(PhantomRandom rng)
    {
        // Blood replaces CSF in the sulci near a convexity point, or in the basal cisterns and Sylvian fissures.
        int centre;
        string location;
        var basal = rng.Chance(0.4);
        if (basal)
        {
            var deep = new List<int>();
            var top = _usableLow + (int)((_usableHigh - _usableLow) * 0.4f);
            for (var i = _usableLow * _w * _h; i < (top + 1) * _w * _h; i += 3)
                if (_b.Tissue[i] == BackgroundTissue.SurfaceCsf && _b.InnerTableDistanceMm[i] > 10f) deep.Add(i);
            centre = deep.Count > 0 ? deep[rng.NextInt(deep.Count)] : PickSurface(rng, 0f, 0f, 0.4f);
            location = "basal cisterns and fissures";
        }
        else
        {
            centre = PickSurface(rng, 20f, 0.35f, 0.95f);
            var (x, _, z) = Xyz(centre);
            location = $"{Side(MmFromMidline(x, z))} convexity sulci";
        }
        var radius = rng.UniformF(30f, 50f);
        var field = new LesionField(HemorrhageSubtype.Subarachnoid, location, BleedAge.Acute, rng.UniformF(55f, 75f));
        ForBall(centre, radius, (i, _, _, _, r) =>
        {
            if (_b.Tissue[i] != BackgroundTissue.SurfaceCsf) return;
            field.Add(i, MathF.Min(1f, (radius - r) / 5f));
        });
        return field;
    }

    private LesionField Intraventricular(PhantomRandom rng)
    {
        // Supine patients: blood settles posteriorly, a fluid level (a coronal plane) in the occipital horns.
        var side = rng.Chance(0.5) ? 0 : rng.Sign();
        var voxels = _ventricle.Where(i =>
        {
            var (x, _, z) = Xyz(i);
            return side == 0 || MathF.Sign(MmFromMidline(x, z)) == side;
        }).ToList();
        if (voxels.Count == 0) voxels = _ventricle;
        var rowsOf = voxels.Select(i => Xyz(i).Y).ToList();
        int yMin = rowsOf.Min(), yMax = rowsOf.Max();
        var cast = rng.Chance(0.15);
        var level = cast ? yMin : yMax - rng.UniformF(0.15f, 0.4f) * (yMax - yMin);
        var location = (side == 0 ? "both" : Side(side)) + (cast ? " ventricles (cast)" : " occipital horns (layering)");
        var field = new LesionField(HemorrhageSubtype.Intraventricular, location, BleedAge.Acute, rng.UniformF(50f, 78f));
        foreach (var i in voxels) field.Add(i, Xyz(i).Y - level + 0.5f);
        return field;
    }

    private LesionField Intraparenchymal(PhantomRandom rng)
    {
        var kind = rng.NextInt(3);
        var span = _usableHigh - _usableLow;
        int centre = -1;
        var volume = 0f;
        var site = "lobar";
        for (var attempt = 0; attempt < 2000 && centre < 0; attempt++)
        {
            var z = kind switch
            {
                0 => _usableLow + (int)(span * rng.UniformF(0.3f, 0.55f)),
                1 => _usableLow + (int)(span * rng.UniformF(0.3f, 0.9f)),
                _ => _usableLow + (int)(span * rng.UniformF(0f, 0.2f)),
            };
            var x = rng.NextInt(_w);
            var y = rng.NextInt(_h);
            var i = (z * _h + y) * _w + x;
            if (_b.Tissue[i] != BackgroundTissue.Brain) continue;
            var lateral = MathF.Abs(MmFromMidline(x, z));
            var depth = _b.InnerTableDistanceMm[i];
            var ok = kind switch
            {
                0 => lateral is > 12f and < 30f && depth > 28f,
                1 => depth is > 14f and < 32f,
                _ => lateral is > 10f and < 40f && depth > 10f && y > _h / 2,
            };
            if (ok) centre = i;
        }
        if (centre < 0) kind = 1;
        (site, volume) = kind switch
        {
            0 => ("basal ganglia/thalamus", rng.UniformF(5f, 35f)),
            1 => ("lobar", rng.UniformF(8f, 55f)),
            _ => ("cerebellar", rng.UniformF(3f, 15f)),
        };
        if (centre < 0) centre = _surface[rng.NextInt(_surface.Count)];
        var (cx, _, cz) = Xyz(centre);
        var (age, hu) = Density(rng, allowChronic: false, allowSubacute: true);
        var field = new LesionField(HemorrhageSubtype.Intraparenchymal, $"{Side(MmFromMidline(cx, cz))} {site}", age, hu);

        // An ellipsoid with a lumpy margin: the radius is modulated by a few low-order angular waves.
        var radius = MathF.Cbrt(volume * 1000f * 3f / (4f * MathF.PI));
        var (ax, ay, az) = (rng.UniformF(0.8f, 1.25f), rng.UniformF(0.8f, 1.25f), rng.UniformF(0.75f, 1.2f));
        var norm = MathF.Cbrt(ax * ay * az);
        (ax, ay, az) = (ax / norm * radius, ay / norm * radius, az / norm * radius);
        float p1 = rng.UniformF(0, 6.3f), p2 = rng.UniformF(0, 6.3f), p3 = rng.UniformF(0, 6.3f);
        var rim = age == BleedAge.Acute ? rng.UniformF(3f, 7f) : rng.UniformF(1f, 3f);
        field.OedemaRimMm = rim;
        field.OedemaDropHu = rng.UniformF(10f, 16f);
        var (cxi, cyi, czi) = Xyz(centre);
        ForBall(centre, MathF.Max(ax, MathF.Max(ay, az)) * 1.3f + rim, (i, x, y, z, _) =>
        {
            if (!_b.IsIntracranial(i) || _b.InnerTableDistanceMm[i] < 2f) return;
            float dx = (x - cxi) * _px, dy = (y - cyi) * _px, dz = (z - czi) * _sz;
            var theta = MathF.Atan2(dy, dx);
            var psi = MathF.Atan2(dz, MathF.Sqrt(dx * dx + dy * dy));
            var wobble = 1f + 0.2f * MathF.Sin(3 * theta + p1) * MathF.Cos(2 * psi + p2) + 0.1f * MathF.Sin(5 * theta + p3) + 0.06f * MathF.Sin(8 * theta + 2 * p1);
            var rho = MathF.Sqrt(dx * dx / (ax * ax) + dy * dy / (ay * ay) + dz * dz / (az * az)) / wobble;
            var edgeMm = (1f - rho) * radius; // signed distance to the margin, roughly
            var clot = edgeMm / _px + 0.5f;
            if (clot > 0f) field.Add(i, clot);
            var oedema = MathF.Min(1f, (rim + edgeMm) / MathF.Max(rim, 0.5f)) * MathF.Min(1f, MathF.Max(0f, 1f - clot));
            if (oedema > 0f && _b.Tissue[i] == BackgroundTissue.Brain)
            {
                field.OedemaVoxels.Add(i);
                field.OedemaFractions.Add(oedema);
            }
        });
        return field;
    }

    private string Region(int z)
    {
        var t = (z - _usableLow) / (float)Math.Max(1, _usableHigh - _usableLow);
        return t < 0.45f ? "temporal" : t < 0.75f ? "parietal" : "high parietal";
    }
}
