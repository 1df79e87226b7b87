namespace Ich.Phantoms.Insertion.Analysis;

/// <summary>What the analysis found at a voxel of a background.</summary>
public enum BackgroundTissue : byte
{
    /// <summary>Outside the skull's inner table (scalp, air, face, bone marrow).</summary>
    Outside = 0,

    /// <summary>Bone (HU above the skull threshold).</summary>
    Skull = 1,

    /// <summary>Intracranial, not CSF: brain, dura, vessels, calcifications.</summary>
    Brain = 2,

    /// <summary>CSF in sulci, fissures and cisterns (connected to the surface).</summary>
    SurfaceCsf = 3,

    /// <summary>CSF in the ventricles (deep, near the midline).</summary>
    Ventricle = 4,
}
