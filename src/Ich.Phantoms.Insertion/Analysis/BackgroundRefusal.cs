namespace Ich.Phantoms.Insertion.Analysis;

/// <summary>Why a background cannot be used.</summary>
public enum RefusalKind
{
    /// <summary>No closed skull, or an intracranial volume no adult head has.</summary>
    NotAHead,

    /// <summary>A contrast agent is recorded, or vessels and sinuses are far too dense for a non-contrast scan.</summary>
    ContrastGiven,

    /// <summary>Too few slices, or too short a stretch of intracranial space, to place and label bleeds.</summary>
    TooFewSlices,

    /// <summary>The field of view or the scan range cuts the skull.</summary>
    FieldOfViewCutsSkull,

    /// <summary>Dense extra-axial or intraventricular material that looks like blood is already there.</summary>
    SuspectedBleed,
}

/// <summary>A background refused, with the measured reason (printed per background; never a silent drop).</summary>
/// <param name="Kind">The kind of refusal.</param>
/// <param name="Reason">One sentence with the figures behind it.</param>
public sealed record BackgroundRefusal(RefusalKind Kind, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Reason}";
}
