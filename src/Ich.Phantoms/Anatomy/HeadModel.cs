using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ich.Phantoms.Anatomy;

/// <summary>
/// An analytic adult head in Hounsfield units, evaluated point by point in the head frame
/// (mm; x = patient left, y = posterior, z = superior; origin near the centre of the cranial cavity).
/// Every structure is an implicit surface (ellipsoids, radial shells, plane-wave sulcal fields), so a slice can be
/// rendered at any resolution and orientation without a stored voxel grid.
/// </summary>
internal sealed class HeadModel
{
    private const int SulcalWaves = 5;

    // Cavity (inner table) semi-axes; below z = 0 the depth depends on the fossa (see CavityDepthBelow).
    private readonly float _ax, _ay, _azUp;
    private readonly float _anteriorFossa, _middleFossa, _posteriorFossa, _sellaDepth;
    private readonly float _outerAx, _outerAy, _outerAz;
    private readonly float _skull, _skullBaseExtra, _scalpFat;

    // Tissue densities.
    private readonly float _gm, _wm, _deepGm, _csf, _cortical, _diploe, _brainstemHu, _cerebellumHu;

    // Spaces that widen with atrophy.
    private readonly float _sas, _sulcusHalf, _sulcusDepth, _gmThickness, _fissureHalf, _sylvianHalf;

    private readonly Vector3[] _waves = new Vector3[SulcalWaves];
    private readonly float[] _phases = new float[SulcalWaves];
    private SulcalField? _sulci; // tabulated on first use: planning a cohort must not pay for it

    private readonly Ellipsoid _frontalHorn, _body, _atrium, _occipitalHorn, _temporalHorn, _third, _fourth;
    private readonly Ellipsoid _caudate, _lentiform, _thalamus;
    private readonly Ellipsoid _suprasellar, _quadrigeminal, _cisternaMagna;
    private readonly Ellipsoid _pineal, _choroid, _falxCalc;
    private readonly bool _hasPinealCalc, _hasChoroidCalc, _hasFalxCalc;
    private readonly float _calcHu;
    private readonly Ellipsoid _frontalSinus, _mastoid, _orbit, _globe, _ethmoid, _sphenoidBone, _sphenoidSinus;
    private readonly float _beamHardening;

    // Reciprocals of the semi-axes: Evaluate runs millions of times per study, and a multiply is several times
    // cheaper than a divide (the rounding difference, ~1e-7 relative, is far below a pixel).
    private readonly float _invOuterAx, _invOuterAy, _invOuterAz, _invAy, _invAzUp;

    /// <summary>Draws one subject's anatomy.</summary>
    /// <param name="rng">The subject's random stream.</param>
    /// <param name="ageYears">Age, which drives atrophy (sulci and ventricles widen) and calcification.</param>
    public HeadModel(PhantomRandom rng, double ageYears)
    {
        ArgumentNullException.ThrowIfNull(rng);
        AgeYears = ageYears;
        // Atrophy 0 (young adult) … 1 (old age), with individual spread.
        Atrophy = Math.Clamp((float)((ageYears - 25) / 60 + rng.Normal() * 0.12), 0f, 1f);

        var size = rng.UniformF(0.92f, 1.06f);
        _ax = 66f * size * rng.UniformF(0.95f, 1.05f);
        _ay = 84f * size * rng.UniformF(0.95f, 1.05f);
        _azUp = 64f * size * rng.UniformF(0.94f, 1.06f);
        _invAy = 1f / _ay;
        _invAzUp = 1f / _azUp;
        _anteriorFossa = 30f * size;
        _middleFossa = 40f * size;
        _posteriorFossa = 50f * size * rng.UniformF(0.95f, 1.05f);
        _sellaDepth = 27f * size;

        _skull = rng.UniformF(4.8f, 6.5f);
        _skullBaseExtra = rng.UniformF(6f, 10f);
        var scalp = rng.UniformF(4.5f, 7f);
        _scalpFat = rng.UniformF(1.5f, 3.5f);
        _outerAx = _ax + _skull + scalp;
        _outerAy = _ay + _skull + scalp;
        _outerAz = _azUp + _skull + scalp;
        SkullThicknessMm = _skull;
        _invOuterAx = 1f / _outerAx;
        _invOuterAy = 1f / _outerAy;
        _invOuterAz = 1f / _outerAz;

        _wm = rng.UniformF(27f, 30f);
        _gm = _wm + rng.UniformF(7f, 9.5f);
        _deepGm = _gm - rng.UniformF(0f, 1f);
        _csf = rng.UniformF(3f, 8f);
        _cortical = rng.UniformF(1400f, 1750f);
        _diploe = rng.UniformF(500f, 800f);
        _brainstemHu = _wm + rng.UniformF(1f, 3f);
        _cerebellumHu = _gm - rng.UniformF(0f, 1.5f);
        GreyMatterHu = _gm;
        WhiteMatterHu = _wm;

        var a = Atrophy;
        _sas = 0.8f + 3.2f * a;
        _sulcusHalf = 0.5f + 1.6f * a;
        _sulcusDepth = rng.UniformF(14f, 19f);
        _gmThickness = rng.UniformF(2.4f, 3.0f);
        _fissureHalf = 0.8f + 2.2f * a;
        _sylvianHalf = 1.0f + 2.6f * a;

        for (var i = 0; i < SulcalWaves; i++)
        {
            _waves[i] = rng.UnitVector() / rng.UniformF(13f, 17f);
            _phases[i] = rng.UniformF(0f, 1f);
        }

        // Ventricles widen with atrophy; each is placed by its medial edge so the septum stays thin.
        var v = 1.02f + 1.0f * a + rng.UniformF(-0.05f, 0.15f);
        VentricleScale = v;
        _frontalHorn = MedialEllipsoid(1.2f, -20f, 11f, 4.6f * v, 11f, 7.5f);
        _body = MedialEllipsoid(1.4f, 2f, 17f, 5.2f * v, 23f, 5.5f * MathF.Sqrt(v));
        _atrium = MedialEllipsoid(10f, 25f, 9f, 6.5f * v, 9f, 8f);
        _occipitalHorn = MedialEllipsoid(12f, 40f, 6f, 3.6f * v, 12f, 4.5f);
        _temporalHorn = MedialEllipsoid(27f, 2f, -16f, 2.2f * v, 12f, 2.8f * MathF.Sqrt(v));
        _third = new Ellipsoid(0f, 6f, -4f, 1.0f + 2.4f * a, 14f, 9f);
        _fourth = new Ellipsoid(0f, 33f, -33f, 5.5f, 3.5f * MathF.Sqrt(v), 7f);

        _caudate = new Ellipsoid(12f + 2.5f * v, -15f, 10f, 5f, 9f, 9f);
        _lentiform = new Ellipsoid(23f + 1.5f * v, -2f, 0f, 6.5f, 13f, 9f);
        _thalamus = new Ellipsoid(10f + 1.5f * v, 13f, 3f, 8f, 11f, 8f);

        _suprasellar = new Ellipsoid(0f, -6f, -17f, 11f + 3f * a, 8f + 2f * a, 4f);
        _quadrigeminal = new Ellipsoid(0f, 29f, -4f, 7f + 2f * a, 5f + 2f * a, 6f);
        _cisternaMagna = new Ellipsoid(0f, _ay * 0.86f, -40f, rng.UniformF(6f, 14f), rng.UniformF(5f, 10f), 9f);

        // Physiological calcifications (> 100 HU, not hemorrhage); more frequent with age.
        var calcChance = 0.35 + 0.5 * a;
        _hasPinealCalc = rng.Chance(calcChance);
        _hasChoroidCalc = rng.Chance(calcChance);
        _hasFalxCalc = rng.Chance(0.1 + 0.3 * a);
        _calcHu = rng.UniformF(220f, 500f);
        var pr = rng.UniformF(3f, 5f);
        _pineal = new Ellipsoid(0f, 24f, -1f, pr, pr, pr);
        var cr = rng.UniformF(3f, 5.5f);
        _choroid = new Ellipsoid(10f + 6.5f * v, 26f, 9f, cr, cr * 1.2f, cr);
        _falxCalc = new Ellipsoid(0f, rng.UniformF(-50f, 10f), rng.UniformF(25f, 50f), 1.2f, rng.UniformF(4f, 10f), rng.UniformF(3f, 6f));
        HasPinealCalcification = _hasPinealCalc;
        HasChoroidCalcification = _hasChoroidCalc;
        HasFalxCalcification = _hasFalxCalc;

        var fs = rng.Chance(0.85) ? rng.UniformF(0.5f, 1.2f) : 0.01f;
        _frontalSinus = new Ellipsoid(0f, -_ay - _skull * 0.6f - 3f, -2f, 14f * fs, 6f * fs, 14f * fs);
        _mastoid = new Ellipsoid(_ax * 0.78f, 14f, -36f, 11f, 11f, 11f);
        _orbit = new Ellipsoid(30f, -_ay * 0.78f, -40f, 16f, 22f, 15f);
        _globe = new Ellipsoid(31f, -_ay * 0.9f, -40f, 11.5f, 11.5f, 11.5f);
        _ethmoid = new Ellipsoid(0f, -_ay * 0.7f, -38f, 10f, 16f, 11f);
        _sphenoidBone = new Ellipsoid(0f, -18f, -30f, 17f, 13f, 8f);
        _sphenoidSinus = new Ellipsoid(0f, -20f, -35f, 12f, 9f, 6f);
        _beamHardening = rng.UniformF(6f, 18f);
    }

    /// <summary>Age in years.</summary>
    public double AgeYears { get; }

    /// <summary>0 (young) … 1 (marked atrophy).</summary>
    public float Atrophy { get; }

    /// <summary>Skull (vault) thickness in mm away from the temporal squama.</summary>
    public float SkullThicknessMm { get; }

    /// <summary>Grey matter density before noise.</summary>
    public float GreyMatterHu { get; }

    /// <summary>White matter density before noise.</summary>
    public float WhiteMatterHu { get; }

    /// <summary>Factor by which the ventricles exceed a young adult's.</summary>
    public float VentricleScale { get; }

    /// <summary>Whether the pineal gland is calcified.</summary>
    public bool HasPinealCalcification { get; }

    /// <summary>Whether the choroid plexus glomera are calcified.</summary>
    public bool HasChoroidCalcification { get; }

    /// <summary>Whether the falx carries a calcified plaque.</summary>
    public bool HasFalxCalcification { get; }

    /// <summary>Cavity semi-axes (left-right, antero-posterior, superior).</summary>
    public Vector3 CavitySemiAxes => new(_ax, _ay, _azUp);

    /// <summary>Lowest z of the cranial cavity (floor of the posterior fossa), mm.</summary>
    public float CavityBottom => -_posteriorFossa;

    /// <summary>Semi-axes of the scalp surface (left-right, antero-posterior, superior), mm.</summary>
    public Vector3 OuterSemiAxes => new(_outerAx, _outerAy, _outerAz);

    /// <summary>Highest z of the scalp, mm.</summary>
    public float HeadTop => _outerAz;

    /// <summary>Mass effect applied to the brain (set once lesions are known).</summary>
    public MassEffect MassEffect { get; set; } = MassEffect.None;

    /// <summary>Evaluates the model at <paramref name="p"/> (head frame, mm).</summary>
    [SkipLocalsInit]
    public void Evaluate(Vector3 p, out AnatomySample s)
    {
        s = default;
        s.SulcusMargin = float.PositiveInfinity;
        float x = p.X, y = p.Y, z = p.Z;

        // Outer surface of the scalp: an ellipsoid above z = 0, a tapering cylinder below (face and neck).
        var ox = x * _invOuterAx;
        var oy = y * _invOuterAy * (1f + 0.05f * y * _invOuterAy);
        var oz = z >= 0 ? z * _invOuterAz : z * (1f / 150f);
        var rOut2 = ox * ox + oy * oy + oz * oz;
        if (rOut2 >= 1f)
        {
            if (y > 40f && rOut2 < 1.5f) OutsideHead(MathF.Sqrt(x * x + y * y + z * z), MathF.Sqrt(rOut2), ref s);
            else s.Hu = -1000f;
            return;
        }
        var rho = MathF.Sqrt(x * x + y * y + z * z) + 1e-4f;

        var outerDepth = rho * (1f / MathF.Sqrt(rOut2) - 1f);

        // Cranial cavity (inner table). The egg factor narrows the frontal region.
        var qy = y * _invAy;
        var qx = x / (_ax * (1f + 0.06f * qy));
        var qz = z >= 0 ? z * _invAzUp : z / CavityDepthBelow(x, y);
        var r = MathF.Sqrt(qx * qx + qy * qy + qz * qz) + 1e-6f;
        var invR = 1f / r;
        var innerDepth = rho * (invR - 1f);
        var dir = new Vector3(qx, qy, qz) * invR;
        s.InnerDepth = innerDepth;
        s.CavityDirection = dir;

        if (innerDepth <= 0f)
        {
            Extracranial(x, y, z, -innerDepth, outerDepth, dir, ref s);
            return;
        }

        if (z < -18f && SkullBaseBone(x, y, z, ref s)) return;

        var b = MassEffect.ToBrainFrame(p, _ax);
        s.Brain = b;
        Intracranial(b, innerDepth, ref s);

        // Hounsfield bar: the dark beam-hardening band between the petrous bones.
        if (z < -18f && z > -44f)
        {
            var dy = y - 10f;
            s.Hu -= _beamHardening * MathF.Exp(-dy * dy * (1f / 32f)) * FastMath.SmoothStep(-44f, -34f, z) * FastMath.SmoothStep(-18f, -24f, z);
        }
    }

    private float CavityDepthBelow(float x, float y)
    {
        // Anterior fossa shallow, middle fossa deep laterally (temporal lobes), sella shallow medially,
        // posterior fossa deepest.
        var posterior = FastMath.SmoothStep(2f, 16f, y);
        var anterior = FastMath.SmoothStep(-30f, -44f, y);
        var lateral = FastMath.SmoothStep(12f, 24f, MathF.Abs(x));
        var middle = _sellaDepth + (_middleFossa - _sellaDepth) * lateral;
        var front = middle + (_anteriorFossa - middle) * anterior;
        return front + (_posteriorFossa - front) * posterior;
    }

    private static void OutsideHead(float rho, float rOut, ref AnatomySample s)
    {
        // A CT head rest behind the head: foam pad, then a plastic shell.
        var gap = rho * (1f - 1f / rOut);
        if (gap < 14f)
        {
            if (gap > 10f) { s.Hu = 120f; s.Tissue = Tissue.Headrest; return; }
            s.Hu = -880f; s.Tissue = Tissue.Headrest; return;
        }
        s.Hu = -1000f;
        s.Tissue = Tissue.Air;
    }

    private void Extracranial(float x, float y, float z, float outside, float outerDepth, Vector3 dir, ref AnatomySample s)
    {
        // Vault thinner over the temporal squama; skull base much thicker (petrous, sphenoid, orbital roofs).
        var t = _skull * (1f - 0.32f * dir.X * dir.X * (1f - MathF.Abs(dir.Z)));
        if (z < 0f)
        {
            var occipital = FastMath.SmoothStep(0.3f * _ay, 0.7f * _ay, y);
            t += _skullBaseExtra * FastMath.SmoothStep(-12f, -34f, z) * (1f - 0.7f * occipital);
        }

        if (outside < t)
        {
            if (AirCell(x, y, z, ref s)) return;
            var fromOuter = t - outside;
            var table = outside < 1.1f || fromOuter < 1.4f || t < 3.5f;
            s.Hu = table ? _cortical : _diploe;
            s.Tissue = Tissue.Bone;
            return;
        }

        if (z < -20f && FaceStructures(x, y, z, ref s)) return;

        if (outerDepth < 1.4f) { s.Hu = 40f; s.Tissue = Tissue.Skin; return; }
        var fat = _scalpFat * (z < -10f ? 2.5f : 1f);
        if (outerDepth < 1.4f + fat) { s.Hu = -85f; s.Tissue = Tissue.Fat; return; }
        s.Hu = 48f;
        s.Tissue = Tissue.Muscle;
    }

    private bool AirCell(float x, float y, float z, ref AnatomySample s)
    {
        var ax = MathF.Abs(x);
        if (_frontalSinus.Contains(x, y, z) || (z < -20f && _ethmoid.Contains(x, y, z) && Honeycomb(x, y, z) > -0.2f))
        {
            s.Hu = -950f; s.Tissue = Tissue.AirCell; return true;
        }
        if (z < -22f && FastMath.Ellipsoid(ax, y, z, _mastoid) < 1f && Honeycomb(x, y, z) > 0f)
        {
            s.Hu = -900f; s.Tissue = Tissue.AirCell; return true;
        }
        if (z < -24f && _sphenoidSinus.Contains(x, y, z))
        {
            s.Hu = -950f; s.Tissue = Tissue.AirCell; return true;
        }
        return false;
    }

    private bool FaceStructures(float x, float y, float z, ref AnatomySample s)
    {
        var ax = MathF.Abs(x);
        if (FastMath.Ellipsoid(ax, y, z, _globe) < 1f) { s.Hu = 12f; s.Tissue = Tissue.Globe; return true; }
        if (FastMath.Ellipsoid(ax, y, z, _orbit) < 1f) { s.Hu = -90f; s.Tissue = Tissue.OrbitFat; return true; }
        if (_ethmoid.Contains(x, y, z)) { s.Hu = Honeycomb(x, y, z) > -0.2f ? -950f : 900f; s.Tissue = Tissue.AirCell; return true; }
        return false;
    }

    private static float Honeycomb(float x, float y, float z) =>
        FastMath.SinCycles(x * 0.21f) + FastMath.SinCycles(y * 0.19f + 0.3f) + FastMath.SinCycles(z * 0.23f + 0.6f);

    private bool SkullBaseBone(float x, float y, float z, ref AnatomySample s)
    {
        var ax = MathF.Abs(x);
        // Petrous ridge: a dense bar running antero-medially between the middle and posterior fossae.
        var d2 = FastMath.SegmentDistanceSquared(ax, y, 56f, 22f, 14f, -4f);
        var ridgeZ = -26f - 0.12f * ax;
        var dz = z - ridgeZ;
        if (d2 + 0.6f * dz * dz < 42f || (z < ridgeZ && d2 < 60f))
        {
            s.Hu = 1800f; s.Tissue = Tissue.Bone; return true;
        }
        // Clivus.
        var clivus = FastMath.SegmentDistanceSquared(y, z, -12f, -28f, 6f, -62f);
        if (ax < 9f && clivus < 36f)
        {
            s.Hu = _cortical * 0.8f; s.Tissue = Tissue.Bone; return true;
        }
        if (_sphenoidBone.Contains(x, y, z))
        {
            var sinus = _sphenoidSinus.Contains(x, y, z);
            s.Hu = sinus ? -950f : _cortical * 0.8f; s.Tissue = sinus ? Tissue.AirCell : Tissue.Bone; return true;
        }
        return false;
    }

    private void Intracranial(Vector3 b, float innerDepth, ref AnatomySample s)
    {
        float x = b.X, y = b.Y, z = b.Z, ax = MathF.Abs(x);
        var effaced = MassEffect.Effacement(x);
        var sas = _sas * effaced;

        if (innerDepth < sas) { Set(ref s, Tissue.SubarachnoidSpace, _csf); return; }

        var tentZ = TentoriumZ(x, y);
        if (y > 6f)
        {
            var dt = z - tentZ;
            if (MathF.Abs(dt) < 0.7f && ax > 4f) { Set(ref s, Tissue.Dura, 48f); return; }
            if (dt < 0f && PosteriorFossa(x, y, z, innerDepth - sas, ref s)) return;
        }

        if (z < -3f && z > -55f && Brainstem(x, y, z, ref s)) return;

        // Calcifications are denser than any bleed (> 100 HU) and sit where they do in real heads.
        if (_hasPinealCalc && _pineal.Contains(x, y, z)) { Set(ref s, Tissue.Calcification, _calcHu); return; }
        if (_hasChoroidCalc && FastMath.Ellipsoid(ax, y, z, _choroid) < 1f) { Set(ref s, Tissue.Calcification, _calcHu * 0.8f); return; }

        if (ax < 42f && y > -45f && y < 56f && z > -24f && z < 26f && Ventricles(x, y, z, ax, ref s)) return;

        // Interhemispheric fissure and falx, down to the corpus callosum centrally, lower in front and behind.
        if (z > FissureBottom(y))
        {
            if (_hasFalxCalc && _falxCalc.Contains(x, y, z)) { Set(ref s, Tissue.Calcification, _calcHu); return; }
            if (ax < 0.45f) { Set(ref s, Tissue.Dura, 55f); return; }
            if (ax < _fissureHalf * effaced) { Set(ref s, Tissue.Fissure, _csf); return; }
        }

        if (z < -8f && z > -24f && _suprasellar.Contains(x, y, z)) { Set(ref s, Tissue.Cistern, _csf); return; }
        if (_quadrigeminal.Contains(x, y, z)) { Set(ref s, Tissue.Cistern, _csf); return; }

        // Sylvian fissure: from the lateral surface to the insula, then back along the insular cistern.
        if (z > -18f && z < 4f && ax > 26f)
        {
            var d2 = MathF.Min(
                FastMath.SegmentDistanceSquared(ax, y, _ax, -22f, 34f, -2f),
                FastMath.SegmentDistanceSquared(ax, y, 34f, -2f, 36f, 20f));
            var half = _sylvianHalf * effaced * FastMath.SmoothStep(-18f, -12f, z) * FastMath.SmoothStep(4f, -2f, z);
            if (d2 < half * half) { Set(ref s, Tissue.Fissure, _csf); s.SulcusMargin = 0f; return; }
            var insula = half + _gmThickness;
            if (d2 < insula * insula) { Set(ref s, Tissue.GreyMatter, _gm); s.SulcusMargin = MathF.Sqrt(d2) - half; return; }
        }

        if (ax < 36f && y > -30f && y < 28f && z > -12f && z < 20f)
        {
            if (FastMath.Ellipsoid(ax, y, z, _caudate) < 1f || FastMath.Ellipsoid(ax, y, z, _lentiform) < 1f
                || FastMath.Ellipsoid(ax, y, z, _thalamus) < 1f)
            {
                Set(ref s, Tissue.DeepGreyMatter, _deepGm); return;
            }
        }

        Cortex(b, innerDepth - sas, effaced, ref s);
    }

    private void Cortex(Vector3 b, float brainDepth, float effaced, ref AnatomySample s)
    {
        var depthLimit = _sulcusDepth + _gmThickness;
        if (brainDepth > depthLimit) { Set(ref s, Tissue.WhiteMatter, _wm); return; }

        var rho = b.Length() + 1e-3f;
        var sulci = _sulci ??= new SulcalField(_waves, _phases);
        var distance = MathF.Abs(sulci.SignedDistance(b)) * (rho * (1f / SulcalField.ReferenceRadiusMm));
        var taper = 1f - brainDepth / _sulcusDepth;
        var half = taper > 0f ? _sulcusHalf * effaced * MathF.Sqrt(taper) : -1f;
        s.SulcusMargin = MathF.Max(0f, distance - MathF.Max(half, 0f));
        if (distance < half) { Set(ref s, Tissue.Sulcus, _csf); return; }
        if (brainDepth < _gmThickness || (distance < MathF.Max(half, 0f) + _gmThickness && brainDepth < depthLimit))
        {
            Set(ref s, Tissue.GreyMatter, _gm); return;
        }
        Set(ref s, Tissue.WhiteMatter, _wm);
    }

    private bool Brainstem(float x, float y, float z, ref AnatomySample s)
    {
        // Midbrain → pons → medulla, leaning back as it descends; cisterns wrap it.
        var cy = 12f - 0.18f * (z + 5f);
        float rx, ry;
        if (z > -18f) { rx = 12f; ry = 10f; }
        else if (z > -46f) { rx = 15f; ry = 12.5f; }
        else { rx = 9f; ry = 8f; }
        var dx = x / rx;
        var dy = (y - cy) / ry;
        var r2 = dx * dx + dy * dy;
        if (r2 < 1f) { Set(ref s, Tissue.Brainstem, _brainstemHu); return true; }
        var cistern = 1f + (1.2f + 2.4f * Atrophy) / rx;
        if (r2 < cistern * cistern && (y < cy || z > -20f)) { Set(ref s, Tissue.Cistern, _csf); return true; }
        return false;
    }

    private bool PosteriorFossa(float x, float y, float z, float brainDepth, ref AnatomySample s)
    {
        if (Brainstem(x, y, z, ref s)) return true;
        if (_fourth.Contains(x, y, z)) { Set(ref s, Tissue.Ventricle, _csf); return true; }
        if (_cisternaMagna.Contains(x, y, z)) { Set(ref s, Tissue.Cistern, _csf); return true; }
        // Cerebellar folia: concentric clefts around the fossa centre, finer than cerebral sulci.
        if (brainDepth < 11f)
        {
            var fx = x * 0.75f;
            var fy = y - 38f;
            var fz = z + 30f;
            var radius = MathF.Sqrt(fx * fx + fy * fy + fz * fz);
            var cleft = MathF.Abs(FastMath.SinCycles(radius / 6.5f + 0.08f * FastMath.SinCycles(x / 40f)));
            if (cleft < 0.16f + 0.12f * Atrophy && brainDepth < 8f) { Set(ref s, Tissue.Sulcus, _csf); s.SulcusMargin = 0f; return true; }
            Set(ref s, Tissue.Cerebellum, _cerebellumHu);
            return true;
        }
        Set(ref s, Tissue.Cerebellum, _wm + 2f);
        return true;
    }

    private bool Ventricles(float x, float y, float z, float ax, ref AnatomySample s)
    {
        if (ax < 8f && _third.Contains(x, y, z)) { Set(ref s, Tissue.Ventricle, _csf); return true; }
        var scale = MassEffect.VentricleScale(x);
        // Effacement squeezes the ventricle toward its own centre.
        var px = scale < 1f ? ax / scale : ax;
        if (FastMath.Ellipsoid(px, y, z, _body) < 1f || FastMath.Ellipsoid(px, y, z, _frontalHorn) < 1f
            || FastMath.Ellipsoid(px, y, z, _atrium) < 1f || FastMath.Ellipsoid(px, y, z, _occipitalHorn) < 1f
            || FastMath.Ellipsoid(px, y, z, _temporalHorn) < 1f)
        {
            Set(ref s, Tissue.Ventricle, _csf);
            return true;
        }
        return false;
    }

    /// <summary>Height of the tentorium: a tent sloping down laterally and posteriorly from the straight sinus.</summary>
    public static float TentoriumZ(float x, float y) => -7f - 0.22f * MathF.Abs(x) - 0.16f * (y - 20f);

    /// <summary>Radial distance from the cavity centre to the inner table along <paramref name="direction"/>.</summary>
    public float CavityRadius(Vector3 direction)
    {
        var d = Vector3.Normalize(direction);
        var qx = d.X / (_ax * (1f + 0.06f * d.Y * 60f / _ay));
        var qy = d.Y / _ay;
        var qz = d.Z >= 0 ? d.Z / _azUp : d.Z / CavityDepthBelow(d.X * 50f, d.Y * 50f);
        return 1f / MathF.Sqrt(qx * qx + qy * qy + qz * qz);
    }

    /// <summary>Direction of a head-frame point in the cavity's normalised coordinates (as in <see cref="AnatomySample.CavityDirection"/>).</summary>
    public Vector3 CavityDirectionOf(Vector3 p)
    {
        var q = new Vector3(p.X / (_ax * (1f + 0.06f * p.Y / _ay)), p.Y / _ay, p.Z >= 0 ? p.Z / _azUp : p.Z / CavityDepthBelow(p.X, p.Y));
        return Vector3.Normalize(q);
    }

    /// <summary>Height of the bottom of the interhemispheric fissure at antero-posterior level <paramref name="y"/>.</summary>
    public static float FissureBottom(float y) => 23f - 30f * FastMath.SmoothStep(28f, 45f, MathF.Abs(y - 3f));

    /// <summary>True when the brain-frame point lies in a lateral, third or fourth ventricle.</summary>
    public bool InVentricle(Vector3 b)
    {
        var ax = MathF.Abs(b.X);
        return _third.Contains(b.X, b.Y, b.Z) || _fourth.Contains(b.X, b.Y, b.Z)
            || FastMath.Ellipsoid(ax, b.Y, b.Z, _body) < 1f || FastMath.Ellipsoid(ax, b.Y, b.Z, _frontalHorn) < 1f
            || FastMath.Ellipsoid(ax, b.Y, b.Z, _atrium) < 1f || FastMath.Ellipsoid(ax, b.Y, b.Z, _occipitalHorn) < 1f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Set(ref AnatomySample s, Tissue t, float hu)
    {
        s.Tissue = t;
        s.Hu = hu;
    }

    private static Ellipsoid MedialEllipsoid(float medialX, float cy, float cz, float rx, float ry, float rz) =>
        new(medialX + rx, cy, cz, rx, ry, rz);
}
