namespace Ich.Phantoms.Anatomy;

/// <summary>
/// The skull base, the orbits and the deep face of <see cref="HeadModel"/>: the levels where real head CT is a tangle
/// of dense petrous bone, air cells, sinuses, foramina, fat planes and muscle, and where detectors false-alarm most.
/// A solid block of bone under the fossae (what a thick skull-base rule gives) looks like no real slice, so each
/// structure is drawn on its own: the petrous pyramids with the ear canals and the mastoid cells, the clivus and the
/// occipital condyles, the sphenoid body and its septated sinus, the nasopharynx and pterygoid plates, the mandibular
/// condyles, the zygomatic arches, and the fat of the infratemporal fossa.
/// </summary>
internal sealed partial class HeadModel
{
    private readonly SkullBaseLayout _skullBase;

    private static readonly Ellipsoid ClinoidProcess = new(12f, -11f, -21f, 3.5f, 6f, 2.5f);
    private static readonly Ellipsoid LowerSphenoid = new(0f, -16f, -41f, 14f, 12f, 7f);
    private static readonly Ellipsoid LowerSphenoidSinus = new(0f, -17f, -40f, 11f, 9f, 5.5f);
    private static readonly Ellipsoid OccipitalCondyle = new(16f, 10f, -63f, 6f, 9f, 5f);
    private static readonly Ellipsoid MandibularCondyle = new(47f, 0f, -51f, 8f, 4.5f, 5f);

    /// <summary>Bone inside the cavity ellipsoid at the skull base: petrous ridges, clinoids, dorsum sellae, clivus, sphenoid.</summary>
    private bool SkullBaseBone(float x, float y, float z, ref AnatomySample s)
    {
        var ax = MathF.Abs(x);
        // Petrous ridge: a dense bar running antero-medially between the middle and posterior fossae.
        var d2 = FastMath.SegmentDistanceSquared(ax, y, 56f, 22f, 14f, -4f);
        var ridgeZ = -26f - 0.12f * ax;
        var dz = z - ridgeZ;
        var wedge = PetrousWedge(ax);
        if (d2 + 0.6f * dz * dz < 42f * wedge * wedge || (z < ridgeZ && d2 < 60f * wedge * wedge))
        {
            PetrousBone(ax, y, z, ridgeZ, _skullBase, ref s); return true;
        }
        // Dorsum sellae and anterior clinoid processes: bone reaching up into the basal cisterns.
        if (z > -27f && z < -15f && ((ax < 6f && y > 1f && y < 4.5f && z < -17f) || FastMath.Ellipsoid(ax, y, z, ClinoidProcess) < 1f))
        {
            s.Hu = _cortical * 0.75f; s.Tissue = Tissue.Bone; return true;
        }
        if (Clivus(ax, y, z, ref s)) return true;
        if (_sphenoidBone.Contains(x, y, z))
        {
            SphenoidBody(x, y, z, _sphenoidSinus, ref s);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Below the fossa floors, outside the cranial cavity. <paramref name="belowFat"/> is the depth under the skin and
    /// subcutaneous fat (mm), where the zygomatic arch lies. Returns false where muscle or fat of the face applies.
    /// </summary>
    private bool DeepSkullBase(float x, float y, float z, float belowFat, ref AnatomySample s)
    {
        if (z > -24f || z < -72f) return false;
        var ax = MathF.Abs(x);
        var layout = _skullBase;
        if (z > -70f && ax > 28f && Ear(ax, y, z, layout, ref s)) return true;
        if (Petrous(ax, y, z, layout, ref s)) return true;
        if (Clivus(ax, y, z, ref s)) return true;
        var condyle = FastMath.Ellipsoid(ax, y, z, OccipitalCondyle);
        if (condyle < 1f) { ShellBone(condyle, ref s); return true; }
        if (LowerSphenoid.Contains(x, y, z)) { SphenoidBody(x, y, z, LowerSphenoidSinus, ref s); return true; }
        if (ax < 18f && Nasopharynx(ax, y, z, ref s)) return true;
        if (ax > 36f && Mandible(ax, y, z, ref s)) return true;
        // Zygomatic arch: a bar of bone just under the subcutaneous fat, from the cheek back to the ear.
        if (MathF.Abs(z - layout.ZygomaZ) < 3f && belowFat > 0f && belowFat < 5f && y > -0.62f * _ay && y < 2f && ax > 40f)
        {
            ShellBone(MathF.Abs(z - layout.ZygomaZ) / 3f, ref s); return true;
        }
        // Zygomatic body (the cheek) lateral to the orbit and the maxillary sinus.
        if (z > layout.ZygomaZ - 10f && z < layout.ZygomaZ + 4f && y < -0.6f * _ay && y > -0.8f * _ay && belowFat > 0f && belowFat < 5f && ax > 30f)
        {
            ShellBone(MathF.Abs(belowFat - 2.5f) / 2.5f, ref s); return true;
        }
        return false;
    }

    /// <summary>Orbits (globe and lens, fat, rectus muscles, optic nerve, bony walls) and the ethmoid cells between them.</summary>
    private bool FaceStructures(float x, float y, float z, ref AnatomySample s)
    {
        var ax = MathF.Abs(x);
        var globe = FastMath.Ellipsoid(ax, y, z, _globe);
        if (globe < 1f)
        {
            // The lens: a dense lentil behind the cornea.
            var ly = (y - (_globe.Cy - 0.78f * _globe.Ry)) * (1f / 1.8f);
            var lx = (ax - _globe.Cx) * (1f / 4.5f);
            var lz = (z - _globe.Cz) * (1f / 4.5f);
            var lens = lx * lx + ly * ly + lz * lz < 1f;
            s.Hu = lens ? 105f : 12f; s.Tissue = Tissue.Globe; return true;
        }
        var orbit = FastMath.Ellipsoid(ax, y, z, _orbit);
        if (orbit < 1f)
        {
            var behindGlobe = y > _globe.Cy + 4f;
            // Optic nerve from the back of the globe to the apex; medial and lateral recti along the walls.
            var nerve = FastMath.SegmentDistanceSquared(ax, y, _globe.Cx, _globe.Cy + _globe.Ry, _orbit.Cx - 7f, _orbit.Cy + 0.85f * _orbit.Ry);
            var dz = z - _orbit.Cz;
            if (nerve + dz * dz < 5.8f) { s.Hu = 32f; s.Tissue = Tissue.Muscle; return true; }
            if (behindGlobe && orbit > 0.55f && MathF.Abs(ax - _orbit.Cx) > 0.7f * _orbit.Rx) { s.Hu = 50f; s.Tissue = Tissue.Muscle; return true; }
            s.Hu = -90f; s.Tissue = Tissue.OrbitFat; return true;
        }
        // The orbital walls: thin bone round the cone behind the rim.
        if (orbit < 1.16f && y > _globe.Cy) { s.Hu = 0.6f * _cortical; s.Tissue = Tissue.Bone; return true; }
        if (_ethmoid.Contains(x, y, z)) { s.Hu = AirCells(x, y, z) > -0.15f ? -950f : 900f; s.Tissue = Tissue.AirCell; return true; }
        return false;
    }

    /// <summary>The external auditory canal, the middle-ear cavity at its end, and the mastoid process behind them.</summary>
    private bool Ear(float ax, float y, float z, in SkullBaseLayout layout, ref AnatomySample s)
    {
        var dy = y - 12f;
        var dz = z - layout.EarCanalZ;
        if (ax > 45f && dy * dy + dz * dz < 12f) { s.Hu = -1000f; s.Tissue = Tissue.Air; return true; }
        var mx = (ax - 42f) * (1f / 2.5f);
        var my = (y - 10f) * (1f / 5f);
        var mz = dz * (1f / 4.5f);
        if (mx * mx + my * my + mz * mz < 1f) { s.Hu = -950f; s.Tissue = Tissue.AirCell; return true; }
        var px = (ax - _mastoid.Cx - 4f) * (1f / 9f);
        var py = (y - 17f) * (1f / 11f);
        var pz = (z + 51f) * (1f / 13f);
        var process = px * px + py * py + pz * pz;
        if (process >= 1f) return false;
        // Pneumatisation differs widely between people (and sides): the cells are a thresholded random field.
        if (AirCells(ax + 3f, y, z) > layout.MastoidThreshold + 0.8f * process) { s.Hu = -920f; s.Tissue = Tissue.AirCell; return true; }
        s.Hu = process > 0.8f ? _cortical : 0.7f * _cortical; s.Tissue = Tissue.Bone; return true;
    }

    /// <summary>
    /// The petrous pyramid below its ridge: dense bone widening towards its base, crossed by the internal auditory canal.
    /// </summary>
    private bool Petrous(float ax, float y, float z, in SkullBaseLayout layout, ref AnatomySample s)
    {
        // Beyond 13.5 mm (the widest half-width) of the ridge's y-range no point can be petrous bone: skip the distance.
        if (z < -60f || ax < 10f || y < -18f || y > 36f) return false;
        var ridgeZ = -26f - 0.12f * ax;
        if (z > ridgeZ) return false;
        var d2 = FastMath.SegmentDistanceSquared(ax, y, 56f, 22f, 14f, -4f);
        var width = layout.PetrousWidth * PetrousWedge(ax) * (1f + 0.5f * FastMath.SmoothStep(ridgeZ, -52f, z)) * (1f - 0.5f * FastMath.SmoothStep(-52f, -60f, z));
        if (d2 >= width * width) return false;
        PetrousBone(ax, y, z, ridgeZ, layout, ref s);
        return true;
    }

    /// <summary>
    /// What a point of the petrous pyramid holds, inside the cavity's outline or below it: the internal auditory canal,
    /// the carotid canal and the jugular bulb; the labyrinth (cochlea and vestibule, fluid) in the otic capsule, the
    /// densest bone of the body, never pneumatised; air cells that continue the mastoid's into the lateral pyramid
    /// below its ridge, as many as the subject's mastoid has; the apex cells; otherwise dense bone of uneven density.
    /// A uniformly dense bar from the clivus to the mastoid is what the petrous bone looks like in no real slice.
    /// </summary>
    private void PetrousBone(float ax, float y, float z, float ridgeZ, in SkullBaseLayout layout, ref AnatomySample s)
    {
        var ear = layout.EarCanalZ;
        var iac = FastMath.SegmentDistanceSquared(ax, y, 16f, 2f, 33f, 10f);
        var iz = z - (ear + 7f);
        if (iac + iz * iz < 4.8f) { s.Hu = 12f; s.Tissue = Tissue.Muscle; return; }
        // The carotid canal: up from the skull base, then forwards and medially to the apex, holding the artery
        // (unenhanced blood). The jugular bulb sits under the pyramid's back.
        var carotid = z < ear + 2f
            ? (ax - 27f) * (ax - 27f) + (y - 2f) * (y - 2f)
            : FastMath.SegmentDistanceSquared(ax, y, 27f, 2f, 17f, -6f) + (z - ear - 4f) * (z - ear - 4f);
        if (carotid < 7.8f && z > ear - 14f) { s.Hu = 42f; s.Tissue = Tissue.Muscle; return; }
        float jx = (ax - 21f) * (1f / 4.5f), jy = (y - 15f) * (1f / 5f), jz = (z - ear + 6f) * (1f / 5.5f);
        if (jx * jx + jy * jy + jz * jz < 1f) { s.Hu = 46f; s.Tissue = Tissue.Muscle; return; }
        // The cochlea in front of the canal's fundus, the vestibule lateral to it.
        float cx = (ax - 31f) * (1f / 3f), cy = (y - 4.5f) * (1f / 2.5f), cz = (z - ear - 6f) * (1f / 2.5f);
        float vx = (ax - 37f) * (1f / 2f), vy = (y - 10f) * (1f / 1.7f), vz = (z - ear - 8f) * (1f / 2.3f);
        var cochlea = cx * cx + cy * cy + cz * cz;
        var vestibule = vx * vx + vy * vy + vz * vz;
        if (cochlea < 1f || vestibule < 1f) { s.Hu = 15f; s.Tissue = Tissue.Muscle; return; }
        var field = PetrousField(ax, y, z);
        if (cochlea < 3.2f || vestibule < 6f) { s.Hu = 1900f + 150f * field; s.Tissue = Tissue.Bone; return; }
        if (field > layout.MastoidThreshold + 1.1f) { s.Hu = -900f; s.Tissue = Tissue.AirCell; return; }
        if (z < ridgeZ - 3f && ax > 30f)
        {
            // The mastoid's own field, so its cells and the pyramid's meet.
            var lateral = FastMath.SmoothStep(30f, 46f, ax);
            if (AirCells(ax + 3f, y, z) > layout.MastoidThreshold + 0.3f + 1.2f * (1f - lateral)) { s.Hu = -920f; s.Tissue = Tissue.AirCell; return; }
        }
        s.Hu = PetrousHu(field); s.Tissue = Tissue.Bone;
    }

    /// <summary>The petrous bone's width relative to its mean: broad at the lateral base (tympanic and mastoid parts), tapering to the apex.</summary>
    private static float PetrousWedge(float ax) => 0.7f + 0.5f * Math.Clamp((ax - 14f) * (1f / 42f), 0f, 1f);

    /// <summary>The random field that varies the petrous bone's density and places its apex cells.</summary>
    private float PetrousField(float ax, float y, float z) => AirCells(ax * 0.8f + 9f, y * 0.8f, z * 0.8f);

    /// <summary>Density of the petrous bone outside the otic capsule, from its field: dense, and uneven.</summary>
    private static float PetrousHu(float field) => 1500f + 320f * field;

    /// <summary>The clivus: a plate of marrow-filled bone sloping from the dorsum sellae down to the foramen magnum.</summary>
    private bool Clivus(float ax, float y, float z, ref AnatomySample s)
    {
        if (ax >= 9f) return false;
        var clivus = FastMath.SegmentDistanceSquared(y, z, -12f, -28f, 6f, -62f);
        if (clivus >= 36f) return false;
        ShellBone(MathF.Max(clivus * (1f / 36f), ax * ax * (1f / 81f)), ref s);
        return true;
    }

    /// <summary>The sphenoid body: bone round an air sinus split by a septum that is rarely in the midline.</summary>
    private void SphenoidBody(float x, float y, float z, in Ellipsoid sinus, ref AnatomySample s)
    {
        if (sinus.Contains(x, y, z) && MathF.Abs(x - _skullBase.SphenoidSeptumX) > 0.8f)
        {
            s.Hu = -950f; s.Tissue = Tissue.AirCell; return;
        }
        s.Hu = _cortical * 0.8f; s.Tissue = Tissue.Bone;
    }

    /// <summary>The nasopharynx below the sphenoid (air), with the medial pterygoid plates at its sides.</summary>
    private bool Nasopharynx(float ax, float y, float z, ref AnatomySample s)
    {
        if (z > -45f || z < -60f) return false;
        var dy = (y + 14f) * (1f / 7f);
        var width = 11f * MathF.Sqrt(FastMath.SmoothStep(-44f, -52f, z));
        if (width > 1f && ax * ax / (width * width) + dy * dy < 1f) { s.Hu = -980f; s.Tissue = Tissue.Air; return true; }
        var plate = 14f + 0.3f * (y + 26f);
        if (y > -28f && y < -10f && MathF.Abs(ax - plate) < 1.1f) { s.Hu = 0.7f * _cortical; s.Tissue = Tissue.Bone; return true; }
        return false;
    }

    /// <summary>The mandibular condyle in its fossa in front of the ear canal, and its neck down to the ramus.</summary>
    private bool Mandible(float ax, float y, float z, ref AnatomySample s)
    {
        var condyle = FastMath.Ellipsoid(ax, y, z, MandibularCondyle);
        if (condyle < 1f) { ShellBone(condyle, ref s); return true; }
        if (z > -64f && z < -55f)
        {
            var nx = (ax - 44f) * (1f / 3f);
            var ny = y * (1f / 5f);
            var neck = nx * nx + ny * ny;
            if (neck < 1f) { ShellBone(neck, ref s); return true; }
        }
        return false;
    }

    /// <summary>
    /// The foramen magnum under the posterior fossa: the medulla becoming the cord in its CSF, down to the spinal canal
    /// (a solid floor there would cut the brainstem off from the cord and put a plate of bone across the slice).
    /// </summary>
    private static bool ForamenMagnum(float x, float y, ref AnatomySample s)
    {
        var fx = x * (1f / 14f);
        var fy = (y - 22f) * (1f / 17f);
        if (fx * fx + fy * fy >= 1f) return false;
        var cx = x * (1f / 8.5f);
        var cy = (y - 21f) * (1f / 7.5f);
        s.Hu = cx * cx + cy * cy < 1f ? 34f : 10f;
        s.Tissue = Tissue.Muscle; // extracranial: no lesion is drawn here
        return true;
    }

    /// <summary>Irregular fat planes between the muscles under the skull base (a thresholded random field).</summary>
    private bool InfratemporalFat(float x, float y, float z) =>
        AirCells(x * 0.5f + 5f, y * 0.5f - 3f, z * 0.5f) > _skullBase.FatThreshold;

    /// <summary>Bone with a cortical shell round marrow; <paramref name="depth"/> is 0 at the centre and 1 at the surface.</summary>
    private void ShellBone(float depth, ref AnatomySample s)
    {
        s.Hu = depth > 0.6f ? _cortical * 0.85f : _diploe * 0.8f;
        s.Tissue = Tissue.Bone;
    }
}

/// <summary>One subject's draws for the skull base: how wide the petrous bones are, where the ear canals and arches run,
/// how pneumatised the mastoids are, where the sphenoid septum sits and how much fat parts the deep muscles.</summary>
internal readonly struct SkullBaseLayout
{
    public SkullBaseLayout(PhantomRandom rng)
    {
        PetrousWidth = rng.UniformF(5.5f, 7.5f);
        EarCanalZ = rng.UniformF(-53f, -47f);
        ZygomaZ = rng.UniformF(-50f, -45f);
        MastoidThreshold = rng.UniformF(-0.35f, 0.25f);
        SphenoidSeptumX = rng.UniformF(-5f, 5f);
        FatThreshold = rng.UniformF(0.75f, 1.2f);
    }

    /// <summary>Half-width of the petrous pyramid just below its ridge, mm.</summary>
    public float PetrousWidth { get; }

    /// <summary>Height of the external auditory canal, mm (head frame).</summary>
    public float EarCanalZ { get; }

    /// <summary>Height of the zygomatic arch, mm.</summary>
    public float ZygomaZ { get; }

    /// <summary>Threshold of the mastoid cell field (lower: more air).</summary>
    public float MastoidThreshold { get; }

    /// <summary>Lateral position of the sphenoid sinus septum, mm.</summary>
    public float SphenoidSeptumX { get; }

    /// <summary>Threshold of the infratemporal fat field (lower: more fat).</summary>
    public float FatThreshold { get; }
}
