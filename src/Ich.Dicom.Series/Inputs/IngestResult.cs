namespace Ich.Dicom.Series.Inputs;

/// <summary>What the Ingest stage found: candidate files and everything it left out.</summary>
/// <param name="Items">Candidates for DICOM parsing, in a stable (ordinal name) order.</param>
/// <param name="Skipped">Files and entries left out, with reasons.</param>
public sealed record IngestResult(IReadOnlyList<InputItem> Items, IReadOnlyList<SkippedInput> Skipped);
