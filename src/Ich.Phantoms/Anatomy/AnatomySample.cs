using System.Numerics;

namespace Ich.Phantoms.Anatomy;

/// <summary>One evaluation of the head model at a point, before lesions are painted in.</summary>
internal struct AnatomySample
{
    /// <summary>Attenuation in Hounsfield units.</summary>
    public float Hu;

    /// <summary>What the point is made of.</summary>
    public Tissue Tissue;

    /// <summary>Radial depth below the inner table in mm (positive inside the cranial cavity).</summary>
    public float InnerDepth;

    /// <summary>Direction of the point in the cavity's normalised (unit-sphere) coordinates.</summary>
    public Vector3 CavityDirection;

    /// <summary>Approximate distance in mm to the nearest sulcal CSF; large away from the cortex.</summary>
    public float SulcusMargin;

    /// <summary>The point in the brain frame (after mass effect), where intra-axial lesions live.</summary>
    public Vector3 Brain;
}
