namespace Ich.Workflow.Intake;

/// <summary>What intake did with one upload blob.</summary>
/// <param name="UploadName">The upload (blob, or folder for a manifest).</param>
/// <param name="Started">Study keys whose orchestration was started (completed and failed studies alike).</param>
/// <param name="Duplicates">Study keys already known: not analysed or notified again.</param>
/// <param name="Quarantined">Blobs moved to quarantine.</param>
/// <param name="Ignored">Why nothing was done (a file waiting for its folder's manifest); null otherwise.</param>
public sealed record IntakeReport(
    string UploadName,
    IReadOnlyList<string> Started,
    IReadOnlyList<string> Duplicates,
    IReadOnlyList<string> Quarantined,
    string? Ignored = null);
