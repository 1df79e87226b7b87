using System.Numerics;
using Ich.Phantoms.Lesions;

namespace Ich.Phantoms;

/// <summary>Who the phantom is and what was drawn: the parameters behind one study (written to <c>studies.csv</c>).</summary>
public sealed record PhantomSubject
{
    /// <summary>Index of the study in its cohort.</summary>
    public required int StudyIndex { get; init; }

    /// <summary>Age in years (drives atrophy and calcification).</summary>
    public required int AgeYears { get; init; }

    /// <summary>Patient sex, <c>F</c> or <c>M</c>.</summary>
    public required string Sex { get; init; }

    /// <summary>0 (none) … 1 (marked): widening of sulci and ventricles.</summary>
    public required float Atrophy { get; init; }

    /// <summary>Vault thickness, mm.</summary>
    public required float SkullThicknessMm { get; init; }

    /// <summary>Head rotation (yaw, pitch, roll) in degrees.</summary>
    public required Vector3 RotationDegrees { get; init; }

    /// <summary>Standard deviation of quantum noise in brain at the study's slice thickness, HU (0 when noise-free).</summary>
    public required float NoiseSdHu { get; init; }

    /// <summary>The scanner drawn for the study (calibration, grey–white contrast, noise at 5 mm, kernel).</summary>
    public ScannerSettings Scanner { get; init; } = ScannerSettings.Reference;

    /// <summary>Midline shift caused by the lesions, mm.</summary>
    public required float MidlineShiftMm { get; init; }

    /// <summary>Whether slices carry motion artefact.</summary>
    public required bool Motion { get; init; }

    /// <summary>Whether slices carry streak artefact.</summary>
    public required bool Streaks { get; init; }

    /// <summary>Physiological calcifications present (pineal, choroid, falx): not hemorrhage.</summary>
    public required IReadOnlyList<string> Calcifications { get; init; }

    /// <summary>The lesions drawn (empty for a healthy subject).</summary>
    public required IReadOnlyList<LesionDescription> Lesions { get; init; }
}
