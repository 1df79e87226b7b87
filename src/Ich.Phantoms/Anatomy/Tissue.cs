namespace Ich.Phantoms.Anatomy;

/// <summary>What a point of the head model is made of; lesions use it to decide where blood can go.</summary>
internal enum Tissue : byte
{
    Air,
    Headrest,
    Skin,
    Fat,
    Muscle,
    Bone,
    AirCell,
    OrbitFat,
    Globe,
    /// <summary>CSF between the inner table and the brain surface.</summary>
    SubarachnoidSpace,
    Sulcus,
    Cistern,
    Fissure,
    Ventricle,
    GreyMatter,
    WhiteMatter,
    DeepGreyMatter,
    Brainstem,
    Cerebellum,
    Dura,
    Calcification,
    /// <summary>Blood in a vessel or a dural venous sinus: as dense as a fresh bleed, never a lesion.</summary>
    Vessel,
    /// <summary>The uncalcified choroid plexus in the lateral ventricles.</summary>
    ChoroidPlexus,
}

/// <summary>Tissue groupings the lesions care about.</summary>
internal static class TissueExtensions
{
    /// <summary>CSF outside the ventricles: where subarachnoid blood collects.</summary>
    public static bool IsSubarachnoidCsf(this Tissue t) =>
        t is Tissue.SubarachnoidSpace or Tissue.Sulcus or Tissue.Cistern or Tissue.Fissure;

    /// <summary>Anything inside the dura: brain, CSF, ventricles, dural folds and calcifications.</summary>
    public static bool IsIntracranial(this Tissue t) => t >= Tissue.SubarachnoidSpace;

    /// <summary>Brain parenchyma, where a clot and its edema sit.</summary>
    public static bool IsParenchyma(this Tissue t) =>
        t is Tissue.GreyMatter or Tissue.WhiteMatter or Tissue.DeepGreyMatter or Tissue.Brainstem or Tissue.Cerebellum;
}
