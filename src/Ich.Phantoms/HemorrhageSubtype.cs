namespace Ich.Phantoms;

/// <summary>The five intracranial hemorrhage subtypes labelled by the RSNA 2019 challenge and Ye et al. (2019).</summary>
public enum HemorrhageSubtype
{
    /// <summary>Epidural hematoma: biconvex, between skull and dura, bounded by sutures.</summary>
    Epidural = 0,

    /// <summary>Intraparenchymal (cerebral parenchymal) hemorrhage: a clot within the brain, often with an edema rim.</summary>
    Intraparenchymal = 1,

    /// <summary>Intraventricular hemorrhage: blood within the ventricles.</summary>
    Intraventricular = 2,

    /// <summary>Subarachnoid hemorrhage: blood in sulci, fissures and basal cisterns.</summary>
    Subarachnoid = 3,

    /// <summary>Subdural hematoma: a crescent along the convexity, falx or tentorium.</summary>
    Subdural = 4,
}

/// <summary>Names and ordering of <see cref="HemorrhageSubtype"/> as used in the RSNA label files.</summary>
public static class HemorrhageSubtypes
{
    /// <summary>Number of subtypes.</summary>
    public const int Count = 5;

    /// <summary>All subtypes in RSNA label order.</summary>
    public static IReadOnlyList<HemorrhageSubtype> All { get; } =
    [
        HemorrhageSubtype.Epidural, HemorrhageSubtype.Intraparenchymal, HemorrhageSubtype.Intraventricular,
        HemorrhageSubtype.Subarachnoid, HemorrhageSubtype.Subdural,
    ];

    /// <summary>The RSNA label names, in order, followed by <c>any</c>.</summary>
    public static IReadOnlyList<string> RsnaLabelNames { get; } =
        ["epidural", "intraparenchymal", "intraventricular", "subarachnoid", "subdural", "any"];

    /// <summary>The lower-case RSNA name of a subtype, e.g. <c>subdural</c>.</summary>
    public static string RsnaName(this HemorrhageSubtype subtype) => RsnaLabelNames[(int)subtype];

    /// <summary>The bit of a subtype in a slice's label mask.</summary>
    public static byte Bit(this HemorrhageSubtype subtype) => (byte)(1 << (int)subtype);
}
