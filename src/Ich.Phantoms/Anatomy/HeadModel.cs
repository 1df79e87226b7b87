using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ich.Phantoms.Anatomy;

/// <summary>
/// An analytic adult head in Hounsfield units, evaluated at points (or along rows of points, partly in SIMD) in the head frame
/// (mm; x = patient left, y = posterior, z = superior; origin near the centre of the cranial cavity).
/// Every structure is an implicit surface (ellipsoids, radial shells, tubes, a folded sulcal field), so a slice can be
/// rendered at any resolution and orientation without a stored voxel grid. The head frame is a reference adult head
/// (about 1,320 ml intracranial); <see cref="Scale"/> says how much larger this subject's head is, and the study
/// geometry applies it, so every structure and lesion scales together.
/// </summary>
internal sealed partial class HeadModel
{
    // Many waves of random direction make a meandering maze of gyri; a handful made straight parallel grooves.
    private const int SulcalWaves = 28;
    private const int DepthWaves = 4;
    private const int BendWaves = 3;
    private const int TextureLattice = 24;
    private const int CellLattice = 16;
    private const float TextureSpacingMm = 8f;

    // Intracranial volume of the reference head (Scale 1), ml, counted from the per-voxel truth maps (AdultNormsTests);
    // the per-axis shape draws spread a subject ±10 % around its drawn volume.
    private const float ReferenceVolumeMl = 1320f;

    // Cavity (inner table) semi-axes; below z = 0 the depth depends on the fossa (see CavityDepthBelow).
    private readonly float _ax, _ay, _azUp;
    private readonly float _anteriorFossa, _middleFossa, _posteriorFossa, _sellaDepth;
    private readonly float _outerAx, _outerAy, _outerAz;
    private readonly float _skull, _floorExtra, _scalpFat;

    // Scalp layers: the temporalis muscle fills the temporal fossa outside the squama (a 50–65 HU band against the
    // bone that a detector must not read as an extra-axial bleed); elsewhere the deep scalp is galea and thin muscle.
    private readonly float _temporalis, _temporalLine, _temporalisHu, _scalpDeepHu;

    // Tissue densities.
    private readonly float _gm, _wm, _deepGm, _csf, _cortical, _diploe, _brainstemHu, _cerebellumHu;

    // Spaces that widen with atrophy.
    private readonly float _sas, _sulcusHalf, _sulcusDepth, _gmThickness, _fissureHalf, _sylvianHalf;

    private readonly Vector3[] _waves = new Vector3[SulcalWaves];
    private readonly float[] _phases = new float[SulcalWaves];
    private readonly Vector3[] _depthWaves = new Vector3[DepthWaves];
    private readonly Vector3[] _bendWaves = new Vector3[BendWaves];
    private readonly Vector3[] _bendAxes = new Vector3[BendWaves];
    private readonly float[] _texture;
    private readonly float[] _cells = new float[CellLattice * CellLattice * CellLattice];
    private readonly float _textureHu;
    private SulcalField? _sulci; // tabulated on first use: planning a cohort must not pay for it

    private readonly Ellipsoid _frontalHorn, _body, _atrium, _occipitalHorn, _temporalHorn, _third, _fourth;
    private readonly Ellipsoid _caudate, _lentiform, _thalamus;
    private readonly Ellipsoid _suprasellar, _quadrigeminal, _cisternaMagna;
    private readonly Ellipsoid _pineal, _choroid, _falxCalc;
    private readonly bool _hasPinealCalc, _hasChoroidCalc, _hasFalxCalc;
    private readonly float _calcHu;
    private readonly Ellipsoid _frontalSinus, _mastoid, _orbit, _globe, _ethmoid, _sphenoidBone, _sphenoidSinus;
    private readonly float _beamHardening;

    // Mimics: dense dura, venous sinuses, arteries, veins and choroid plexus (unlabelled, 40–90 HU like blood).
    private readonly float _duraHalf, _duraHu, _venousHu, _arterialHu, _choroidHu;
    private readonly float _sssHalf, _sssDepth, _transverseHalf, _transverseDepth;
    private readonly Vector3[] _veinStart, _veinEnd;
    private readonly float[] _veinRadius;
    private readonly float _ventricleAsymmetry, _leukoaraiosisHu;
    private readonly float _headrestGap, _headrestShell, _headrestHu, _floorBumps, _sidePadGap, _toothHu;
    private readonly Ellipsoid _maxillarySinus;

    // Reciprocals of the semi-axes: Evaluate runs millions of times per study, and a multiply is several times
    // cheaper than a divide (the rounding difference, ~1e-7 relative, is far below a pixel).
    private readonly float _invOuterAx, _invOuterAy, _invOuterAz, _invAx, _invAy, _invAzUp;

    /// <summary>Draws one subject's anatomy.</summary>
    /// <param name="rng">The subject's random stream.</param>
    /// <param name="ageYears">Age, which drives atrophy (sulci and ventricles widen) and calcification.</param>
    /// <param name="female">Sex, which sets the expected head size.</param>
    public HeadModel(PhantomRandom rng, double ageYears, bool female)
    {
        ArgumentNullException.ThrowIfNull(rng);
        AgeYears = ageYears;
        // Atrophy 0 (young adult) … 1 (old age), with individual spread.
        Atrophy = Math.Clamp((float)((ageYears - 25) / 60 + rng.Normal() * 0.12), 0f, 1f);

        // Adult intracranial volume: about 1,450 ml in men and 1,300 ml in women (SD ~120 ml), 1,100–1,800 ml.
        var volume = Math.Clamp((female ? 1300f : 1450f) + 120f * (float)rng.Normal(), 1100f, 1800f);
        IntracranialVolumeMl = volume;
        Scale = MathF.Cbrt(volume / ReferenceVolumeMl);
        const float size = 1f;
        _ax = 66f * size * rng.UniformF(0.95f, 1.05f);
        _ay = 84f * size * rng.UniformF(0.95f, 1.05f);
        _azUp = 64f * size * rng.UniformF(0.94f, 1.06f);
        _invAx = 1f / _ax;
        _invAy = 1f / _ay;
        _invAzUp = 1f / _azUp;
        _anteriorFossa = 30f * size;
        _middleFossa = 40f * size;
        _posteriorFossa = 60f * size * rng.UniformF(0.95f, 1.05f); // the cerebellum reaches well below the ear canals
        _sellaDepth = 27f * size;

        _skull = rng.UniformF(4.2f, 5.8f); // × Scale (≈1.1–1.25): 4.7–7 mm in patient mm
        _floorExtra = rng.UniformF(1.5f, 2.5f); // the fossa floors' thickening over the vault
        var scalp = rng.UniformF(4.5f, 7f);
        _scalpFat = rng.UniformF(0.3f, 3.5f);
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
        _sas = 0.9f + 3.4f * a;
        _sulcusHalf = 0.55f + 1.9f * a;
        _sulcusDepth = rng.UniformF(13f, 18f);
        _gmThickness = rng.UniformF(2.4f, 3.0f);
        _fissureHalf = 0.8f + 2.2f * a;
        _sylvianHalf = 1.0f + 2.6f * a;

        var wavelength = rng.UniformF(14f, 17f);
        for (var i = 0; i < SulcalWaves; i++)
        {
            _waves[i] = rng.UnitVector() / (wavelength * rng.UniformF(0.9f, 1.1f));
            _phases[i] = rng.UniformF(0f, 1f);
        }
        for (var i = 0; i < DepthWaves; i++) _depthWaves[i] = rng.UnitVector() / rng.UniformF(50f, 90f);
        for (var i = 0; i < BendWaves; i++)
        {
            _bendWaves[i] = rng.UnitVector() / rng.UniformF(70f, 120f);
            _bendAxes[i] = rng.UnitVector() * rng.UniformF(0.6f, 1.1f);
        }

        // Parenchymal fine structure: a smooth random field (±1.5–3 HU) on an 8 mm lattice, so brain is not one flat
        // tone plus white noise.
        _texture = new float[TextureLattice * TextureLattice * TextureLattice];
        for (var i = 0; i < _texture.Length; i++) _texture[i] = (float)rng.Normal();
        _textureHu = rng.UniformF(1.2f, 2.6f);
        for (var i = 0; i < _cells.Length; i++) _cells[i] = (float)rng.Normal();

        // Ventricles widen with atrophy; each is placed by its medial edge so the septum stays thin. One side is
        // often a little larger (normal asymmetry), so asymmetry alone never means mass effect.
        var v = 1.02f + 1.0f * a + rng.UniformF(-0.05f, 0.15f);
        _ventricleAsymmetry = rng.Chance(0.6) ? rng.UniformF(-0.18f, 0.18f) : 0f;
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
        _cisternaMagna = new Ellipsoid(0f, _ay * 0.86f, -47f, rng.UniformF(6f, 14f), rng.UniformF(5f, 10f), 9f);

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
        _mastoid = new Ellipsoid(_ax * 0.78f, 14f, -44f, 11f, 11f, 11f);
        _orbit = new Ellipsoid(30f, -_ay * 0.78f, -40f, 16f, 22f, 15f);
        _globe = new Ellipsoid(31f, -_ay * 0.9f, -40f, 11.5f, 11.5f, 11.5f);
        _ethmoid = new Ellipsoid(0f, -_ay * 0.7f, -38f, 10f, 16f, 11f);
        _sphenoidBone = new Ellipsoid(0f, -18f, -30f, 17f, 13f, 8f);
        _sphenoidSinus = new Ellipsoid(0f, -19f, -30.5f, 14f, 10.5f, 7.5f); // most of an adult sphenoid body is sinus
        _beamHardening = rng.UniformF(6f, 18f);

        // Dense structures a detector must learn are not blood: falx and tentorium, hyperdense venous sinuses (blood
        // at 45–70 HU with the hematocrit), arteries in the cisterns, bridging veins over the convexity, choroid plexus.
        _duraHalf = rng.UniformF(0.4f, 0.8f);
        _duraHu = rng.UniformF(50f, 80f);
        _venousHu = rng.UniformF(45f, 70f);
        _arterialHu = rng.UniformF(40f, 58f);
        _choroidHu = rng.UniformF(34f, 48f);
        _sssHalf = rng.UniformF(3.5f, 5.5f);
        _sssDepth = rng.UniformF(5f, 8f);
        _transverseHalf = rng.UniformF(2.5f, 4.5f);
        _transverseDepth = rng.UniformF(3.5f, 6f);
        var veins = 3 + rng.NextInt(6);
        _veinStart = new Vector3[veins];
        _veinEnd = new Vector3[veins];
        _veinRadius = new float[veins];
        for (var i = 0; i < veins; i++)
        {
            // From a point on the upper convexity towards the superior sagittal sinus, just inside the inner table.
            var side = rng.Sign();
            var y = rng.UniformF(-0.6f, 0.7f);
            var z = rng.UniformF(0.25f, 0.7f);
            var start = new Vector3(side * MathF.Sqrt(MathF.Max(0.05f, 1f - y * y - z * z)), y, z);
            var end = new Vector3(side * 0.05f, y + rng.UniformF(-0.15f, 0.15f), MathF.Sqrt(MathF.Max(0.05f, 1f - y * y)));
            _veinStart[i] = Vector3.Normalize(start) * (CavityRadius(start) - 2f);
            _veinEnd[i] = Vector3.Normalize(end) * (CavityRadius(end) - 2f);
            _veinRadius[i] = rng.UniformF(0.8f, 1.6f);
        }
        // Periventricular white-matter hypodensity (small-vessel disease), common in the old.
        _leukoaraiosisHu = rng.Chance(0.15 + 0.6 * a) ? rng.UniformF(2f, 4f + 5f * a) : 0f;
        // Head holders differ: a foam pad in a plastic shell, a thinner cushion, or the bare cradle.
        _headrestGap = rng.UniformF(4f, 16f);
        _headrestShell = rng.UniformF(2f, 6f);
        _headrestHu = rng.UniformF(60f, 260f);
        _floorBumps = rng.UniformF(0.02f, 0.06f);
        _sidePadGap = rng.Chance(0.5) ? rng.UniformF(5f, 16f) : 0f;
        _toothHu = rng.UniformF(1800f, 3000f);
        var ms = rng.UniformF(0.8f, 1.15f);
        _maxillarySinus = new Ellipsoid(23f, -0.6f * _ay, -60f, 12f * ms, 15f * ms, 13f * ms);
        // Real temporal scalp is 7–9 mm of 45–77 HU at the level of the lateral ventricles and thicker towards the
        // zygomatic arch; the muscle thins with age.
        _temporalis = rng.UniformF(2f, 8f) * (1f - 0.3f * a);
        _temporalLine = rng.UniformF(28f, 50f);
        _temporalisHu = rng.UniformF(48f, 66f);
        _scalpDeepHu = rng.UniformF(12f, 48f);
        // Drawn last, so every draw before it (and so every other structure) is what it was without them.
        _skullBase = new SkullBaseLayout(rng);
    }

    /// <summary>How much larger than the reference head this subject's head is (linear factor).</summary>
    public float Scale { get; }

    /// <summary>The intracranial volume drawn for this subject, ml.</summary>
    public float IntracranialVolumeMl { get; }

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
        float x = p.X, y = p.Y, z = p.Z;

        // Outer surface of the scalp: an ellipsoid above z = 0, a tapering cylinder below (face and neck), widened at
        // the temples by the temporalis. Only lateral points can reach the temporal fossa, so the rest skip the profile.
        var temporal = MathF.Abs(x) > 0.3f * _outerAx ? TemporalisProfile(y, z) : 0f;
        var ox = temporal > 0f ? x / (_outerAx + _temporalis * temporal) : x * _invOuterAx;
        var oy = y * _invOuterAy * (1f + 0.05f * y * _invOuterAy);
        var oz = z >= 0 ? z * _invOuterAz : z * (1f / 190f);
        if (z < NeckTop)
        {
            // Below the skull base the head narrows to the neck at the sides and back; the face stays in front.
            var narrow = FastMath.SmoothStep(NeckTop, -110f, z);
            ox /= 1f - 0.12f * narrow;
            if (y > 0f) oy /= 1f - 0.18f * narrow;
        }
        var rOut2 = ox * ox + oy * oy + oz * oz;
        if (rOut2 >= 1f)
        {
            Outside(x, y, z, rOut2, out s);
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
        var immediate = default(CortexBatch);
        Inside(x, y, z, temporal, outerDepth, innerDepth, dir, out s, ref immediate, 0);
    }

    /// <summary>
    /// Evaluates the points <c>start + step · i</c> for i in [<paramref name="first"/>, <paramref name="end"/>) into
    /// <paramref name="samples"/> (index i − first), exactly as <see cref="Evaluate"/> would, to the bit. The part every
    /// point pays — the scalp and inner-table surfaces, with their divisions, roots and smoothsteps, two fifths of the
    /// generation time point by point — runs a vector of points at a time, lane for lane the scalar operations in the
    /// scalar order. The tissue tests that follow branch per point and run as scalar code (one implementation), except
    /// the cortex test of near-surface brain points, which is batched over the row and also runs a vector at a time
    /// (<see cref="CortexPass"/>).
    /// </summary>
    [SkipLocalsInit]
    public void EvaluateRow(Vector3 start, Vector3 step, int first, int end, Span<AnatomySample> samples)
    {
        if (samples.Length < end - first) throw new ArgumentException("One sample per point is needed.", nameof(samples));
        var width = Vector<float>.Count;
        Span<float> xs = stackalloc float[width], ys = stackalloc float[width], zs = stackalloc float[width];
        Span<float> temporals = stackalloc float[width], rOut2s = stackalloc float[width], outerDepths = stackalloc float[width];
        Span<float> innerDepths = stackalloc float[width], dxs = stackalloc float[width], dys = stackalloc float[width], dzs = stackalloc float[width];
        Span<float> lane = stackalloc float[width];
        for (var l = 0; l < width; l++) lane[l] = l;
        var points = end - first;
        var batch = new CortexBatch(stackalloc int[points], stackalloc float[points], stackalloc float[points], stackalloc float[points], stackalloc float[points]);
        var lanes = new Vector<float>(lane);
        var i = first;
        for (; i <= end - width; i += width)
        {
            var index = new Vector<float>(i) + lanes; // i + l is exact in float far beyond any matrix
            var x = new Vector<float>(start.X) + new Vector<float>(step.X) * index;
            var y = new Vector<float>(start.Y) + new Vector<float>(step.Y) * index;
            var z = new Vector<float>(start.Z) + new Vector<float>(step.Z) * index;
            var rOut2 = ScalpOf(x, y, z, out var temporal);
            x.CopyTo(xs); y.CopyTo(ys); z.CopyTo(zs);
            if (Vector.GreaterThanOrEqualAll(rOut2, Vector<float>.One))
            {
                // All outside the scalp (most of a row's ends): the inner table is not needed.
                rOut2.CopyTo(rOut2s);
                for (var l = 0; l < width; l++) Outside(xs[l], ys[l], zs[l], rOut2s[l], out samples[i - first + l]);
                continue;
            }
            InnerTableOf(x, y, z, rOut2, out var outerDepth, out var innerDepth, out var dx, out var dy, out var dz);
            temporal.CopyTo(temporals); rOut2.CopyTo(rOut2s); outerDepth.CopyTo(outerDepths);
            innerDepth.CopyTo(innerDepths); dx.CopyTo(dxs); dy.CopyTo(dys); dz.CopyTo(dzs);
            for (var l = 0; l < width; l++)
            {
                ref var s = ref samples[i - first + l];
                if (rOut2s[l] >= 1f) Outside(xs[l], ys[l], zs[l], rOut2s[l], out s);
                else Inside(xs[l], ys[l], zs[l], temporals[l], outerDepths[l], innerDepths[l], new Vector3(dxs[l], dys[l], dzs[l]), out s, ref batch, i - first + l);
            }
        }
        for (; i < end; i++) Evaluate(start + step * i, out samples[i - first]);
        CortexPass(ref batch, samples);
    }

    /// <summary>
    /// The near-surface brain points of a row whose cortex test waits for the vector pass: the sample index, the depth
    /// below the brain surface, the effacement and the head-frame height and depth the finishing step needs. Disabled
    /// (no storage) for a single point, which runs the test at once.
    /// </summary>
    private ref struct CortexBatch(Span<int> index, Span<float> depth, Span<float> effaced, Span<float> y, Span<float> z)
    {
        public readonly Span<int> Index = index;
        public readonly Span<float> Depth = depth, Effaced = effaced, Y = y, Z = z;
        public int Count;

        public readonly bool Enabled => !Index.IsEmpty;

        public void Add(int index, float depth, float effaced, float y, float z)
        {
            Index[Count] = index; Depth[Count] = depth; Effaced[Count] = effaced; Y[Count] = y; Z[Count] = z;
            Count++;
        }
    }

    /// <summary>
    /// <see cref="Cortex"/> for the batched points, a vector at a time (the sulcal table reads are per lane), then
    /// <see cref="FinishBrain"/>: the same operations in the same order as point by point, so the same bits.
    /// </summary>
    [SkipLocalsInit]
    private void CortexPass(ref CortexBatch batch, Span<AnatomySample> samples)
    {
        if (batch.Count == 0) return;
        var sulci = Sulci;
        var width = Vector<float>.Count;
        Span<float> bx = stackalloc float[width], by = stackalloc float[width], bz = stackalloc float[width];
        Span<float> limits = stackalloc float[width], distances = stackalloc float[width], halves = stackalloc float[width], margins = stackalloc float[width];
        var k = 0;
        for (; k <= batch.Count - width; k += width)
        {
            for (var l = 0; l < width; l++)
            {
                var b = samples[batch.Index[k + l]].Brain;
                bx[l] = b.X; by[l] = b.Y; bz[l] = b.Z;
            }
            Vector<float> x = new(bx), y = new(by), z = new(bz);
            var depth = new Vector<float>(batch.Depth.Slice(k, width));
            var effaced = new Vector<float>(batch.Effaced.Slice(k, width));
            var relative = sulci.RelativeDepth(x, y, z);
            var sulcusDepth = new Vector<float>(_sulcusDepth) * relative;
            var depthLimit = sulcusDepth + new Vector<float>(_gmThickness);
            var rho = Vector.SquareRoot(x * x + y * y + z * z) + new Vector<float>(1e-3f);
            var distance = Vector.Abs(sulci.SignedDistance(x, y, z, depth)) * (rho * (1f / SulcalField.ReferenceRadiusMm));
            var taper = Vector<float>.One - depth / sulcusDepth;
            var open = new Vector<float>(_sulcusHalf) * (new Vector<float>(0.55f) + new Vector<float>(0.45f) * relative) * effaced * Vector.SquareRoot(taper);
            var half = Vector.ConditionalSelect(Vector.GreaterThan(taper, Vector<float>.Zero), open, new Vector<float>(-1f));
            var margin = Vector.Max(Vector<float>.Zero, distance - Vector.Max(half, Vector<float>.Zero));
            depthLimit.CopyTo(limits); distance.CopyTo(distances); half.CopyTo(halves); margin.CopyTo(margins);
            for (var l = 0; l < width; l++)
            {
                ref var s = ref samples[batch.Index[k + l]];
                CortexTissue(s.Brain, batch.Depth[k + l], limits[l], distances[l], halves[l], margins[l], ref s);
                FinishBrain(batch.Y[k + l], batch.Z[k + l], ref s);
            }
        }
        for (; k < batch.Count; k++)
        {
            ref var s = ref samples[batch.Index[k]];
            Cortex(s.Brain, batch.Depth[k], batch.Effaced[k], ref s);
            FinishBrain(batch.Y[k], batch.Z[k], ref s);
        }
    }

    /// <summary>
    /// The scalp part of <see cref="Evaluate"/> for a vector of points (see <see cref="EvaluateRow"/>): the squared
    /// normalised radius of the scalp surface (≥ 1 outside the head) and the temporalis profile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<float> ScalpOf(Vector<float> x, Vector<float> y, Vector<float> z, out Vector<float> temporal)
    {
        var one = Vector<float>.One;
        var zero = Vector<float>.Zero;
        temporal = Vector.ConditionalSelect(Vector.GreaterThan(Vector.Abs(x), new Vector<float>(0.3f * _outerAx)), TemporalisProfile(y, z), zero);
        var ox = Vector.ConditionalSelect(Vector.GreaterThan(temporal, zero),
            x / (new Vector<float>(_outerAx) + new Vector<float>(_temporalis) * temporal), x * _invOuterAx);
        var oy = y * _invOuterAy * (one + new Vector<float>(0.05f) * y * _invOuterAy);
        var upper = Vector.GreaterThanOrEqual(z, zero);
        var oz = Vector.ConditionalSelect(upper, z * _invOuterAz, z * (1f / 190f));
        var neck = Vector.LessThan(z, new Vector<float>(NeckTop));
        if (neck != Vector<int>.Zero)
        {
            var narrow = FastMath.SmoothStep(NeckTop, -110f, z);
            ox = Vector.ConditionalSelect(neck, ox / (one - new Vector<float>(0.12f) * narrow), ox);
            oy = Vector.ConditionalSelect(neck & Vector.GreaterThan(y, zero), oy / (one - new Vector<float>(0.18f) * narrow), oy);
        }
        return ox * ox + oy * oy + oz * oz;
    }

    /// <summary>The inner-table part of <see cref="Evaluate"/> for a vector of points inside the scalp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void InnerTableOf(Vector<float> x, Vector<float> y, Vector<float> z, Vector<float> rOut2,
        out Vector<float> outerDepth, out Vector<float> innerDepth, out Vector<float> dx, out Vector<float> dy, out Vector<float> dz)
    {
        var one = Vector<float>.One;
        var upper = Vector.GreaterThanOrEqual(z, Vector<float>.Zero);
        var rho = Vector.SquareRoot(x * x + y * y + z * z) + new Vector<float>(1e-4f);
        outerDepth = rho * (one / Vector.SquareRoot(rOut2) - one);

        var qy = y * _invAy;
        var qx = x / (new Vector<float>(_ax) * (one + new Vector<float>(0.06f) * qy));
        var qz = Vector.EqualsAll(upper, Vector<int>.AllBitsSet)
            ? z * _invAzUp
            : Vector.ConditionalSelect(upper, z * _invAzUp, z / CavityDepthBelow(x, y));
        var r = Vector.SquareRoot(qx * qx + qy * qy + qz * qz) + new Vector<float>(1e-6f);
        var invR = one / r;
        innerDepth = rho * (invR - one);
        dx = qx * invR;
        dy = qy * invR;
        dz = qz * invR;
    }

    /// <summary>A point outside the scalp: the head rest behind it, the side pads, or air.</summary>
    private void Outside(float x, float y, float z, float rOut2, out AnatomySample s)
    {
        s = default;
        s.SulcusMargin = float.PositiveInfinity;
        if (y > 40f && rOut2 < 1.6f) OutsideHead(MathF.Sqrt(x * x + y * y + z * z), MathF.Sqrt(rOut2), ref s);
        else if (_sidePadGap > 0f && MathF.Abs(y) < 38f && z > -75f && z < 15f && rOut2 < 1.6f) SidePad(MathF.Sqrt(x * x + y * y + z * z), MathF.Sqrt(rOut2), ref s);
        else s.Hu = -1000f;
    }

    /// <summary>A point inside the scalp, <paramref name="innerDepth"/> mm inside the inner table (negative outside it).</summary>
    private void Inside(float x, float y, float z, float temporal, float outerDepth, float innerDepth, Vector3 dir, out AnatomySample s,
        ref CortexBatch batch, int index)
    {
        s = default;
        s.SulcusMargin = float.PositiveInfinity;
        s.InnerDepth = innerDepth;
        s.CavityDirection = dir;

        if (innerDepth <= 0f)
        {
            Extracranial(x, y, z, -innerDepth, outerDepth, dir, temporal, ref s);
            return;
        }

        if (z < -18f && SkullBaseBone(x, y, z, ref s)) return;

        var b = MassEffect.ToBrainFrame(new Vector3(x, y, z), _ax);
        s.Brain = b;
        if (!DuralSinus(x, y, z, innerDepth, ref s) && Intracranial(b, innerDepth, ref s, batch.Enabled, out var cortexDepth, out var effaced))
        {
            batch.Add(index, cortexDepth, effaced, y, z);
            return;
        }
        FinishBrain(y, z, ref s);
    }

    /// <summary>The last steps for a point inside the dura: parenchymal texture, then the beam-hardening band.</summary>
    private void FinishBrain(float y, float z, ref AnatomySample s)
    {
        // Dural sinuses and every other non-parenchymal tissue keep their tone.
        if (s.Tissue.IsParenchyma()) s.Hu += Texture(s.Brain);

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
        // The floors of the anterior and middle fossae are ridged (orbital roofs, juga): brain and bone interdigitate,
        // which partial-volumes into the HU of blood on the lowest supratentorial slices.
        front *= 1f + _floorBumps * FastMath.SinCycles(x * (1f / 21f)) * FastMath.SinCycles(y * (1f / 17f) + 0.2f) * (1f - posterior);
        // The fossae are bowls with broad floors, not the bottom of an ellipsoid: deeper towards the rim, so the
        // temporal lobes and the cerebellar hemispheres stay wide down to the lowest slices.
        var px = x * _invAx;
        var py = y * _invAy;
        var u = MathF.Min(px * px + py * py, 1f);
        return (front + (_posteriorFossa - front) * posterior) * (1f + BowlFlattening * u * u);
    }

    /// <summary>How much deeper the fossae are at their rim than an ellipsoid of the same central depth (relative).</summary>
    private const float BowlFlattening = 0.45f;

    /// <summary><see cref="CavityDepthBelow(float, float)"/> for a vector of points, with the same operations.</summary>
    private Vector<float> CavityDepthBelow(Vector<float> x, Vector<float> y)
    {
        var one = Vector<float>.One;
        var posterior = FastMath.SmoothStep(2f, 16f, y);
        var anterior = FastMath.SmoothStep(-30f, -44f, y);
        var lateral = FastMath.SmoothStep(12f, 24f, Vector.Abs(x));
        var middle = new Vector<float>(_sellaDepth) + new Vector<float>(_middleFossa - _sellaDepth) * lateral;
        var front = middle + (new Vector<float>(_anteriorFossa) - middle) * anterior;
        front *= one + new Vector<float>(_floorBumps) * FastMath.SinCycles(x * (1f / 21f)) * FastMath.SinCycles(y * (1f / 17f) + new Vector<float>(0.2f)) * (one - posterior);
        var px = x * _invAx;
        var py = y * _invAy;
        var u = Vector.Min(px * px + py * py, one);
        return (front + (new Vector<float>(_posteriorFossa) - front) * posterior) * (one + new Vector<float>(BowlFlattening) * u * u);
    }

    /// <summary><see cref="TemporalisProfile(float, float)"/> for a vector of points, with the same operations.</summary>
    private Vector<float> TemporalisProfile(Vector<float> y, Vector<float> z)
    {
        var outside = Vector.LessThan(z, new Vector<float>(-50f)) | Vector.GreaterThan(z, new Vector<float>(_temporalLine))
            | Vector.LessThan(y, new Vector<float>(-0.9f * _ay)) | Vector.GreaterThan(y, new Vector<float>(0.5f * _ay));
        if (Vector.EqualsAll(outside, Vector<int>.AllBitsSet)) return Vector<float>.Zero;
        var one = Vector<float>.One;
        var vertical = FastMath.SmoothStep(-50f, -34f, z) * (one - FastMath.SmoothStep(0f, _temporalLine, z));
        var front = FastMath.SmoothStep(-0.9f * _ay, -0.6f * _ay, y);
        var back = one - FastMath.SmoothStep(0.05f * _ay, 0.5f * _ay, y);
        return Vector.ConditionalSelect(outside, Vector<float>.Zero, vertical * front * back);
    }

    private void OutsideHead(float rho, float rOut, ref AnatomySample s)
    {
        // A CT head rest behind the head: a foam pad of varying thickness, then a plastic shell.
        var gap = rho * (1f - 1f / rOut);
        if (gap < _headrestGap + _headrestShell)
        {
            if (gap > _headrestGap) { s.Hu = _headrestHu; s.Tissue = Tissue.Headrest; return; }
            s.Hu = -880f; s.Tissue = Tissue.Headrest; return;
        }
        s.Hu = -1000f;
        s.Tissue = Tissue.Air;
    }

    /// <summary>
    /// How much of the temporalis' full thickness lies outside the skull at (y, z): 0 outside the temporal fossa,
    /// 1 from just above the zygomatic arch to the level of the lateral ventricles, thinning to 0 at the superior
    /// temporal line.
    /// </summary>
    private float TemporalisProfile(float y, float z)
    {
        if (z < -50f || z > _temporalLine || y < -0.9f * _ay || y > 0.5f * _ay) return 0f;
        var vertical = FastMath.SmoothStep(-50f, -34f, z) * (1f - FastMath.SmoothStep(0f, _temporalLine, z));
        var front = FastMath.SmoothStep(-0.9f * _ay, -0.6f * _ay, y);
        var back = 1f - FastMath.SmoothStep(0.05f * _ay, 0.5f * _ay, y);
        return vertical * front * back;
    }

    private void Extracranial(float x, float y, float z, float outside, float outerDepth, Vector3 dir, float temporal, ref AnatomySample s)
    {
        if (z < FaceTop && outerDepth > 1.4f + _scalpFat && FaceAndNeck(x, y, z, ref s)) return;
        // Vault thinner over the temporal squama, the fossa floors a little thicker.
        var t = _skull * (1f - 0.32f * dir.X * dir.X * (1f - MathF.Abs(dir.Z)));
        if (z < 0f)
        {
            var occipital = FastMath.SmoothStep(0.3f * _ay, 0.7f * _ay, y);
            // The fossa floors are a plate a little thicker than the vault; what lies below them (petrous bone,
            // sphenoid, clivus, condyles) is modelled structure by structure in DeepSkullBase, not as solid bone.
            t += _floorExtra * FastMath.SmoothStep(-12f, -34f, z) * (1f - 0.7f * occipital);
            // The cerebellar fossae of the occipital bone are its thinnest part.
            t *= 1f - 0.45f * FastMath.SmoothStep(-30f, -42f, z) * FastMath.SmoothStep(5f, 20f, y);
        }

        if (z < -40f && z > -72f && ForamenMagnum(x, y, ref s)) return;
        if (outside < t)
        {
            if (AirCell(x, y, z, ref s)) return;
            if (z < -30f && y < 15f)
            {
                // The floors of the anterior and middle fossae are mostly compact bone of uneven density: tables and
                // diploe cut tangentially there would draw contour rings no real slice shows.
                s.Hu = _cortical * (0.72f + 0.1f * AirCells(x * 0.7f, y * 0.7f, z * 0.7f));
                s.Tissue = Tissue.Bone;
                return;
            }
            var fromOuter = t - outside;
            var table = outside < 1.1f || fromOuter < 1.4f || t < 3.5f;
            s.Hu = table ? _cortical : _diploe;
            s.Tissue = Tissue.Bone;
            return;
        }

        // Over the temporalis the subcutaneous fat is a thin film.
        var fat = _scalpFat * (z < -10f ? 2.5f : 1f) * (1f - 0.8f * temporal);
        if (z < -20f && (FaceStructures(x, y, z, ref s) || DeepSkullBase(x, y, z, outerDepth - 1.4f - fat, ref s))) return;

        if (outerDepth < 1.4f) { s.Hu = 40f; s.Tissue = Tissue.Skin; return; }
        if (outerDepth < 1.4f + fat) { s.Hu = -85f; s.Tissue = Tissue.Fat; return; }
        // Below the fossa floors, fat planes part the masticator and parapharyngeal muscles.
        if (z < -40f && outerDepth > 8f + fat && InfratemporalFat(x, y, z)) { s.Hu = -90f; s.Tissue = Tissue.Fat; return; }
        // Deep scalp: galea over the vault, the temporalis at the temples, the suboccipital muscles low at the back.
        var deep = _scalpDeepHu + (48f - _scalpDeepHu) * FastMath.SmoothStep(-5f, -30f, z);
        s.Hu = deep + (_temporalisHu - deep) * FastMath.SmoothStep(0f, 0.25f, temporal);
        s.Tissue = Tissue.Muscle;
    }

    // Heights (reference head frame) where the face and the neck begin.
    private const float FaceTop = -46f;
    private const float NeckTop = -50f;

    /// <summary>
    /// The levels below the skull base that real head CTs often include: nasal cavity and maxillary sinuses, the
    /// teeth and the mandible (dense enough to streak), the pharynx, and the cervical spine with its canal. Real
    /// series start anywhere from the foramen magnum to the jaw, so a detector must have seen these levels as normal.
    /// Returns false where the ordinary extracranial tissues (skull, muscle, fat) apply.
    /// </summary>
    private bool FaceAndNeck(float x, float y, float z, ref AnatomySample s)
    {
        var ax = MathF.Abs(x);
        var ay = _ay;
        // Nasal cavity with its septum and turbinates.
        var nasalHalf = 9f - 4f * FastMath.SmoothStep(-62f, -44f, z); // narrowing up towards the ethmoid
        if (ax < nasalHalf && y < -0.45f * ay && y > -1.02f * ay && z > -80f && z < -40f)
        {
            if (ax < 0.9f) { s.Hu = 450f; s.Tissue = Tissue.Bone; return true; }
            // Turbinates and mucosa line the lateral walls with an irregular medial edge; the meatus between is air.
            var turbinate = ax > nasalHalf * (0.5f + 0.35f * AirCells(x * 0.7f + 11f, y * 0.6f, z * 0.5f));
            s.Hu = turbinate ? 45f : -950f; s.Tissue = turbinate ? Tissue.Muscle : Tissue.AirCell; return true;
        }
        // Maxillary sinuses: air in a thin bony shell, quadrilateral in axial section (a rounded box, not an ellipse).
        var mx = (ax - _maxillarySinus.Cx) * _maxillarySinus.Ix;
        var my = (y - _maxillarySinus.Cy) * _maxillarySinus.Iy;
        var mz = (z - _maxillarySinus.Cz) * _maxillarySinus.Iz;
        var maxillary = mx * mx * mx * mx + my * my * my * my + mz * mz;
        if (maxillary < 1f) { s.Hu = maxillary < 0.7f ? -950f : 950f; s.Tissue = maxillary < 0.7f ? Tissue.AirCell : Tissue.Bone; return true; }
        // Dental arch: teeth (enamel far denser than bone) on an alveolar ridge, the hard palate inside it.
        if (z < -72f && z > -90f && y < -0.4f * ay)
        {
            var arch = MathF.Sqrt(x * x / (30f * 30f) + (y + 0.4f * ay) * (y + 0.4f * ay) / (0.52f * ay * 0.52f * ay));
            var band = MathF.Abs(arch - 1f) * 30f;
            if (band < 4.5f)
            {
                var teeth = z > -85f && z < -75f && band < 3.5f;
                s.Hu = teeth ? _toothHu : 1100f; s.Tissue = Tissue.Bone; return true;
            }
            if (arch < 1f && MathF.Abs(z + 74f) < 2f) { s.Hu = 900f; s.Tissue = Tissue.Bone; return true; }
            if (arch < 1f && MathF.Abs(z + 87f) < 1.5f) { s.Hu = -950f; s.Tissue = Tissue.Air; return true; } // the oral cavity
        }
        // Mandible: body along a wider arch, rami rising at the back.
        if (z < -88f && z > -130f && y < 0.05f * ay)
        {
            var arch = MathF.Sqrt(x * x / (43f * 43f) + (y + 0.25f * ay) * (y + 0.25f * ay) / (0.68f * ay * 0.68f * ay));
            var band = MathF.Abs(arch - 1f) * 43f;
            if (band < 5f) { s.Hu = band > 3.3f || band < 1.2f ? 1500f : 450f; s.Tissue = Tissue.Bone; return true; }
        }
        if (z < -62f && z > -100f && ax > 37f && ax < 45f)
        {
            // Mandibular rami: a lens of cortical bone round a little marrow.
            var rx = (ax - 41f) * (1f / 3.5f);
            var ry = (y + 0.015f * ay) * (1f / (0.135f * ay));
            var ramus = rx * rx + ry * ry;
            if (ramus < 1f) { ShellBone(ramus, ref s); return true; }
        }
        if (z < -56f)
        {
            // Pharynx: air in front of the spine.
            var py = (y + 0.12f * ay) / 8f;
            if (x * x / (13f * 13f) + py * py < 1f) { s.Hu = -980f; s.Tissue = Tissue.Air; return true; }
            // Cervical spine below the foramen magnum: vertebral body (cortex and marrow), canal with the cord,
            // posterior arch; C1's lateral masses.
            if (z < -66f)
            {
                var body = x * x / 100f + (y - 6f) * (y - 6f) / 64f;
                if (body < 1f) { s.Hu = body > 0.7f ? 1200f : 330f; s.Tissue = Tissue.Bone; return true; }
                var canal = x * x / 64f + (y - 24f) * (y - 24f) / 49f;
                if (canal < 1f) { s.Hu = canal < 0.5f ? 36f : 12f; s.Tissue = Tissue.Muscle; return true; }
                if (canal < 2.6f && y > 20f) { s.Hu = 900f; s.Tissue = Tissue.Bone; return true; }
                if (z > -78f && FastMath.Ellipsoid(ax, y, z, LateralMass) < 1f) { s.Hu = 800f; s.Tissue = Tissue.Bone; return true; }
            }
            // Fat planes between the neck muscles.
            if (AirCells(x * 0.6f + 7f, y * 0.6f, z * 0.4f) > 1.2f) { s.Hu = -95f; s.Tissue = Tissue.Fat; return true; }
        }
        return false;
    }

    private static readonly Ellipsoid LateralMass = new(20f, 12f, -71f, 8f, 10f, 7f);

    private void SidePad(float rho, float rOut, ref AnatomySample s)
    {
        // Foam side supports of the head holder, in a thin plastic shell.
        var gap = rho * (1f - 1f / rOut);
        if (gap < _sidePadGap) { s.Hu = -850f; s.Tissue = Tissue.Headrest; return; }
        if (gap < _sidePadGap + 2f) { s.Hu = _headrestHu; s.Tissue = Tissue.Headrest; return; }
        s.Hu = -1000f;
        s.Tissue = Tissue.Air;
    }

    private bool AirCell(float x, float y, float z, ref AnatomySample s)
    {
        var ax = MathF.Abs(x);
        if (_frontalSinus.Contains(x, y, z) || (z < -20f && _ethmoid.Contains(x, y, z) && AirCells(x, y, z) > -0.15f))
        {
            s.Hu = -950f; s.Tissue = Tissue.AirCell; return true;
        }
        if (z < -22f && FastMath.Ellipsoid(ax, y, z, _mastoid) < 1f && AirCells(x, y, z) > -0.05f)
        {
            s.Hu = -900f; s.Tissue = Tissue.AirCell; return true;
        }
        if (z < -24f && _sphenoidSinus.Contains(x, y, z))
        {
            s.Hu = -950f; s.Tissue = Tissue.AirCell; return true;
        }
        return false;
    }

    /// <summary>
    /// Irregular air cells (ethmoid, mastoid): a smooth random field on a 2.6 mm lattice, thresholded by the caller —
    /// cells of varying size and shape, where a sum of sines gave a repeating checkerboard.
    /// </summary>
    private float AirCells(float x, float y, float z)
    {
        const int n = CellLattice;
        const float inv = 1f / 2.6f;
        float fx = x * inv + 1000f, fy = y * inv + 1000f, fz = z * inv + 1000f;
        int i = (int)fx, j = (int)fy, k = (int)fz;
        fx -= i; fy -= j; fz -= k;
        float At(int a, int b, int c) => _cells[((c & (n - 1)) * n + (b & (n - 1))) * n + (a & (n - 1))];
        float Lerp(float a, float c, float f) => a + f * (c - a);
        var c0 = Lerp(Lerp(At(i, j, k), At(i + 1, j, k), fx), Lerp(At(i, j + 1, k), At(i + 1, j + 1, k), fx), fy);
        var c1 = Lerp(Lerp(At(i, j, k + 1), At(i + 1, j, k + 1), fx), Lerp(At(i, j + 1, k + 1), At(i + 1, j + 1, k + 1), fx), fy);
        return Lerp(c0, c1, fz);
    }

    /// <summary>
    /// Superior sagittal, transverse and straight sinuses: venous blood (45–70 HU) in dural channels along the inner
    /// table — hyperdense like blood, at the very places extra-axial bleeds lie, and never labelled.
    /// </summary>
    private bool DuralSinus(float x, float y, float z, float innerDepth, ref AnatomySample s)
    {
        var ax = MathF.Abs(x);
        if (innerDepth < _sssDepth && ax < _sssHalf && z > -6f)
        {
            // Triangular in section, base on the inner table, larger towards the back.
            var grow = 0.55f + 0.45f * FastMath.SmoothStep(-70f, 40f, y);
            if (ax < _sssHalf * grow * (1f - innerDepth / (_sssDepth * grow))) { Set(ref s, Tissue.Vessel, _venousHu); return true; }
        }
        if (y > 12f && innerDepth < _transverseDepth)
        {
            var dz = (z - TentoriumZ(x, y)) / _transverseHalf;
            var dd = innerDepth / _transverseDepth;
            if (dz * dz + dd * dd < 1f) { Set(ref s, Tissue.Vessel, _venousHu); return true; }
        }
        if (ax < 2.6f && y > 20f)
        {
            // Straight sinus: from the vein of Galen down and back along the tentorial apex to the torcula.
            var d2 = FastMath.SegmentDistanceSquared(y, z, 24f, -2f, _ay * 0.92f, TentoriumZ(0f, _ay * 0.92f));
            if (d2 + x * x < 6f) { Set(ref s, Tissue.Vessel, _venousHu); return true; }
        }
        return false;
    }

    /// <summary>Smooth parenchymal texture (trilinear on a coarse random lattice), HU.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Texture(Vector3 b)
    {
        const float half = TextureLattice * TextureSpacingMm * 0.5f;
        var fx = Math.Clamp((b.X + half) * (1f / TextureSpacingMm), 0f, TextureLattice - 1.001f);
        var fy = Math.Clamp((b.Y + half) * (1f / TextureSpacingMm), 0f, TextureLattice - 1.001f);
        var fz = Math.Clamp((b.Z + half) * (1f / TextureSpacingMm), 0f, TextureLattice - 1.001f);
        int i = (int)fx, j = (int)fy, k = (int)fz;
        fx -= i; fy -= j; fz -= k;
        var t = _texture;
        const int n = TextureLattice;
        var o = (k * n + j) * n + i;
        float Lerp(float a, float c, float f) => a + f * (c - a);
        var c00 = Lerp(t[o], t[o + 1], fx);
        var c10 = Lerp(t[o + n], t[o + n + 1], fx);
        var c01 = Lerp(t[o + n * n], t[o + n * n + 1], fx);
        var c11 = Lerp(t[o + n * n + n], t[o + n * n + n + 1], fx);
        return _textureHu * Lerp(Lerp(c00, c10, fy), Lerp(c01, c11, fy), fz);
    }

    /// <summary>
    /// The tissue of a brain-frame point inside the dura. Returns true, with the cortex test's inputs, when
    /// <paramref name="defer"/> is set and only that test is left (the caller batches it); otherwise sets the sample.
    /// </summary>
    private bool Intracranial(Vector3 b, float innerDepth, ref AnatomySample s, bool defer, out float cortexDepth, out float effacement)
    {
        cortexDepth = 0f;
        effacement = 0f;
        float x = b.X, y = b.Y, z = b.Z, ax = MathF.Abs(x);
        var effaced = MassEffect.Effacement(x);
        var sas = _sas * effaced;

        if (innerDepth < sas + 1.6f && z > 0f && BridgingVein(b)) { Set(ref s, Tissue.Vessel, _venousHu - 4f); return false; }
        if (innerDepth < sas) { Set(ref s, Tissue.SubarachnoidSpace, _csf); return false; }

        var tentZ = TentoriumZ(x, y);
        if (y > 6f)
        {
            var dt = z - tentZ;
            if (MathF.Abs(dt) < _duraHalf && ax > 4f) { Set(ref s, Tissue.Dura, _duraHu); return false; }
            if (dt < 0f && PosteriorFossa(x, y, z, innerDepth - sas, ref s)) return false;
        }

        if (z < -3f && z > -55f && Brainstem(x, y, z, ref s)) return false;

        // Calcifications are denser than any bleed (> 100 HU) and sit where they do in real heads.
        if (_hasPinealCalc && _pineal.Contains(x, y, z)) { Set(ref s, Tissue.Calcification, _calcHu); return false; }
        if (_hasChoroidCalc && FastMath.Ellipsoid(ax, y, z, _choroid) < 1f) { Set(ref s, Tissue.Calcification, _calcHu * 0.8f); return false; }
        // The uncalcified glomus of the choroid plexus: soft tissue (35–48 HU) filling part of each atrium.
        if (FastMath.Ellipsoid(ax, y, z, _choroid) < 2.2f && InLateralVentricle(x, y, z, ax)) { Set(ref s, Tissue.ChoroidPlexus, _choroidHu); return false; }

        if (ax < 42f && y > -45f && y < 56f && z > -24f && z < 26f && Ventricles(x, y, z, ax, ref s)) return false;

        // Interhemispheric fissure and falx, down to the corpus callosum centrally, lower in front and behind.
        if (z > FissureBottom(y))
        {
            if (_hasFalxCalc && _falxCalc.Contains(x, y, z)) { Set(ref s, Tissue.Calcification, _calcHu); return false; }
            if (ax < _duraHalf) { Set(ref s, Tissue.Dura, _duraHu); return false; }
            if (ax < _fissureHalf * effaced) { Set(ref s, Tissue.Fissure, _csf); return false; }
        }

        if (z < -8f && z > -24f && _suprasellar.Contains(x, y, z))
        {
            // Circle of Willis: the internal carotid and middle cerebral arteries crossing the suprasellar cistern.
            var artery = FastMath.SegmentDistanceSquared(ax, y, 6f, -10f, 22f, -4f) + (z + 16f) * (z + 16f) * 0.5f;
            Set(ref s, artery < 2.4f ? Tissue.Vessel : Tissue.Cistern, artery < 2.4f ? _arterialHu : _csf);
            return false;
        }
        if (_quadrigeminal.Contains(x, y, z)) { Set(ref s, Tissue.Cistern, _csf); return false; }

        // Sylvian fissure: from the lateral surface to the insula, then back along the insular cistern.
        if (z > -18f && z < 4f && ax > 26f)
        {
            var d2 = MathF.Min(
                FastMath.SegmentDistanceSquared(ax, y, _ax, -22f, 34f, -2f),
                FastMath.SegmentDistanceSquared(ax, y, 34f, -2f, 36f, 20f));
            var half = _sylvianHalf * effaced * FastMath.SmoothStep(-18f, -12f, z) * FastMath.SmoothStep(4f, -2f, z);
            if (d2 < half * half)
            {
                // Branches of the middle cerebral artery run in the fissure.
                var mca = FastMath.SegmentDistanceSquared(ax, z, 24f, -9f, _ax - 8f, -3f);
                var isArtery = mca < 1.6f && MathF.Abs(y + 8f) < 14f;
                Set(ref s, isArtery ? Tissue.Vessel : Tissue.Fissure, isArtery ? _arterialHu : _csf);
                s.SulcusMargin = 0f;
                return false;
            }
            var insula = half + _gmThickness;
            if (d2 < insula * insula) { Set(ref s, Tissue.GreyMatter, _gm); s.SulcusMargin = MathF.Sqrt(d2) - half; return false; }
        }

        if (ax < 36f && y > -30f && y < 28f && z > -12f && z < 20f)
        {
            if (FastMath.Ellipsoid(ax, y, z, _caudate) < 1f || FastMath.Ellipsoid(ax, y, z, _lentiform) < 1f
                || FastMath.Ellipsoid(ax, y, z, _thalamus) < 1f)
            {
                Set(ref s, Tissue.DeepGreyMatter, _deepGm); return false;
            }
        }

        var brainDepth = innerDepth - sas;
        if (defer && brainDepth <= DeepWhiteMatterDepth)
        {
            cortexDepth = brainDepth;
            effacement = effaced;
            return true;
        }
        Cortex(b, brainDepth, effaced, ref s);
        return false;
    }

    /// <summary>Below this depth under the brain surface no sulcus reaches: white matter.</summary>
    private float DeepWhiteMatterDepth => 1.45f * _sulcusDepth + _gmThickness;

    private SulcalField Sulci => _sulci ??= new SulcalField(_waves, _phases, _depthWaves, _bendWaves, _bendAxes);

    private void Cortex(Vector3 b, float brainDepth, float effaced, ref AnatomySample s)
    {
        if (brainDepth > DeepWhiteMatterDepth) { Set(ref s, Tissue.WhiteMatter, _wm - Leukoaraiosis(b)); return; }
        var sulci = Sulci;
        // Sulcal depth and width vary along the cortex: deep, wide sulci next to shallow, tight ones.
        var relative = sulci.RelativeDepth(b);
        var sulcusDepth = _sulcusDepth * relative;
        var depthLimit = sulcusDepth + _gmThickness;
        var rho = b.Length() + 1e-3f;
        var distance = MathF.Abs(sulci.SignedDistance(b, brainDepth)) * (rho * (1f / SulcalField.ReferenceRadiusMm));
        var taper = 1f - brainDepth / sulcusDepth;
        var half = taper > 0f ? _sulcusHalf * (0.55f + 0.45f * relative) * effaced * MathF.Sqrt(taper) : -1f;
        var margin = MathF.Max(0f, distance - MathF.Max(half, 0f));
        CortexTissue(b, brainDepth, depthLimit, distance, half, margin, ref s);
    }

    /// <summary>
    /// The cortex test's verdict from its measures (shared by the point and the vector paths): white matter below the
    /// local sulcal depth, CSF inside a sulcus, grey matter along the surface and the sulcal walls, else white matter.
    /// </summary>
    private void CortexTissue(Vector3 b, float brainDepth, float depthLimit, float distance, float half, float margin, ref AnatomySample s)
    {
        if (brainDepth > depthLimit) { Set(ref s, Tissue.WhiteMatter, _wm - Leukoaraiosis(b)); return; }
        s.SulcusMargin = margin;
        if (distance < half) { Set(ref s, Tissue.Sulcus, _csf); return; }
        if (brainDepth < _gmThickness || (distance < MathF.Max(half, 0f) + _gmThickness && brainDepth < depthLimit))
        {
            Set(ref s, Tissue.GreyMatter, _gm); return;
        }
        Set(ref s, Tissue.WhiteMatter, _wm - Leukoaraiosis(b));
    }

    /// <summary>How much darker periventricular white matter is (caps at the frontal horns and atria), HU.</summary>
    private float Leukoaraiosis(Vector3 b)
    {
        if (_leukoaraiosisHu == 0f) return 0f;
        float ax = MathF.Abs(b.X), y = b.Y, z = b.Z;
        var near = MathF.Min(FastMath.Ellipsoid(ax, y, z, _frontalHorn), MathF.Min(FastMath.Ellipsoid(ax, y, z, _atrium), FastMath.Ellipsoid(ax, y, z, _body)));
        return near < 3.2f ? _leukoaraiosisHu * FastMath.SmoothStep(3.2f, 1.5f, near) : 0f;
    }

    /// <summary>True near one of the bridging veins that cross the subarachnoid space to the sagittal sinus.</summary>
    private bool BridgingVein(Vector3 b)
    {
        for (var i = 0; i < _veinStart.Length; i++)
        {
            var a = _veinStart[i];
            var d = _veinEnd[i] - a;
            var t = Math.Clamp(Vector3.Dot(b - a, d) / d.LengthSquared(), 0f, 1f);
            var r = _veinRadius[i];
            if (Vector3.DistanceSquared(b, a + t * d) < r * r) return true;
        }
        return false;
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
        if (r2 < cistern * cistern && (y < cy || z > -20f))
        {
            // The basilar artery in the prepontine cistern, in front of the pons.
            var by = y - (cy - ry - 2.2f);
            var basilar = z < -16f && z > -48f && x * x + by * by < 3.2f;
            Set(ref s, basilar ? Tissue.Vessel : Tissue.Cistern, basilar ? _arterialHu : _csf);
            return true;
        }
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
        var scale = MassEffect.VentricleScale(x) * SideScale(x);
        // Effacement (or the smaller side) squeezes the ventricle toward its own centre; the larger side widens it.
        var px = ax / scale;
        if (FastMath.Ellipsoid(px, y, z, _body) < 1f || FastMath.Ellipsoid(px, y, z, _frontalHorn) < 1f
            || FastMath.Ellipsoid(px, y, z, _atrium) < 1f || FastMath.Ellipsoid(px, y, z, _occipitalHorn) < 1f
            || FastMath.Ellipsoid(px, y, z, _temporalHorn) < 1f)
        {
            Set(ref s, Tissue.Ventricle, _csf);
            return true;
        }
        return false;
    }

    /// <summary>How much larger (above 1) or smaller the lateral ventricle on the side of <paramref name="x"/> is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float SideScale(float x) => 1f + (x >= 0f ? _ventricleAsymmetry : -_ventricleAsymmetry);

    private bool InLateralVentricle(float x, float y, float z, float ax)
    {
        var px = ax / SideScale(x);
        return FastMath.Ellipsoid(px, y, z, _atrium) < 1f || FastMath.Ellipsoid(px, y, z, _body) < 1f;
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
        var ax = MathF.Abs(b.X) / SideScale(b.X);
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
