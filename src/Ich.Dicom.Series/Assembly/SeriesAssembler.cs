using System.Globalization;
using Ich.Dicom.Series.Geometry;
using Ich.Dicom.Series.Headers;
using Ich.Dicom.Series.Selection;

namespace Ich.Dicom.Series.Assembly;

/// <summary>
/// Orders a series' slices by Image Position (Patient) projected on the slice normal (row × column direction
/// cosines) — never by file name or Instance Number — and checks the stack.
/// <para><b>Fatal</b> (series unusable): fewer than two slices; missing position, orientation or pixel spacing; mixed
/// image sizes, orientations or pixel spacings (one volume cannot hold them); two different instances at the same
/// position (mixed acquisitions — which one is right is unknowable); a gap of more than
/// <see cref="MissingSliceGapFactor"/> × the median spacing (slices are missing, and a bleed may lie in the gap).</para>
/// <para><b>Warnings</b> (volume built, problem reported): extra copies of one instance (same SOP Instance UID; the
/// first by source name is kept, the others are listed); uneven spacing within the gap limit (the volume keeps each
/// slice's true position); gantry tilt up to <see cref="SeriesSelectionRules.MaxGantryTiltDegrees"/> (the stack is
/// sheared; each slice's position is kept so it can be corrected). A stack sheared further is fatal.</para>
/// </summary>
public static class SeriesAssembler
{
    /// <summary>A gap above this multiple of the median spacing means missing slices.</summary>
    public const double MissingSliceGapFactor = 1.5;

    /// <summary>Positions closer than this (mm) along the normal are the same position.</summary>
    public const double DuplicatePositionToleranceMm = 0.05;

    /// <summary>Spacings differing from the median by more than this fraction of it are uneven.</summary>
    public const double UnevenSpacingTolerance = 0.1;

    /// <summary>Direction cosines differing by more than this angle (degrees) are different orientations.</summary>
    public const double OrientationToleranceDegrees = 0.5;

    /// <summary>A stacking direction more than this angle (degrees) from the normal is gantry tilt.</summary>
    public const double TiltToleranceDegrees = 0.5;

    /// <summary>Pixel spacings differing by more than this fraction are different.</summary>
    public const double PixelSpacingTolerance = 0.01;

    private const int MaxListed = 5;

    /// <summary>Orders and checks the slices of <paramref name="series"/>.</summary>
    public static SeriesAssembly Assemble(DicomSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var problems = new List<SeriesProblem>();
        var slices = WithoutDuplicateInstances(series.Slices, problems);

        CheckGeometryPresent(slices, problems);
        if (HasFatal(problems)) return Unusable(series, problems);
        var first = slices[0];
        CheckUniform(slices, s => $"{s.Rows}×{s.Columns}", SeriesProblemKind.MixedImageSizes, "image sizes", problems);
        CheckOrientation(slices, first, problems);
        CheckPixelSpacing(slices, first, problems);
        if (slices.Count < 2)
        {
            problems.Add(Fatal(SeriesProblemKind.TooFewSlices, $"only {slices.Count} slice: no stacking direction or spacing"));
        }

        if (HasFatal(problems)) return Unusable(series, problems);

        var normal = first.Normal!.Value;
        var ordered = slices
            .Select(s => new OrderedSlice(s, s.ImagePosition!.Value.Dot(normal)))
            .OrderBy(s => s.Position)
            .ThenBy(s => s.Header.SopInstanceUid, StringComparer.Ordinal)
            .ToArray();

        var spacing = CheckSpacing(ordered, problems);
        var tilt = CheckTilt(ordered, normal, problems);
        if (HasFatal(problems)) return new SeriesAssembly(series, ordered, null, problems);

        var geometry = new VolumeGeometry(
            first.Rows, first.Columns, first.PixelSpacing!.Value, first.RowDirection!.Value.Normalized(),
            first.ColumnDirection!.Value.Normalized(), normal, spacing, tilt);
        return new SeriesAssembly(series, ordered, geometry, problems);
    }

    private static List<SliceHeader> WithoutDuplicateInstances(IReadOnlyList<SliceHeader> slices, List<SeriesProblem> problems)
    {
        var kept = new List<SliceHeader>(slices.Count);
        var seen = new Dictionary<string, SliceHeader>(StringComparer.Ordinal);
        foreach (var slice in slices.OrderBy(s => s.Source, StringComparer.Ordinal))
        {
            if (slice.SopInstanceUid.Length > 0 && !seen.TryAdd(slice.SopInstanceUid, slice))
            {
                problems.Add(new SeriesProblem(SeriesProblemKind.DuplicateInstance, SeriesProblemSeverity.Warning,
                    $"'{slice.Source}' is another copy of the instance in '{seen[slice.SopInstanceUid].Source}' (same SOP Instance UID); left out"));
                continue;
            }

            kept.Add(slice);
        }

        return kept;
    }

    private static void CheckGeometryPresent(List<SliceHeader> slices, List<SeriesProblem> problems)
    {
        var lacking = slices.Where(s => s.ImagePosition is null || s.Normal is null || s.PixelSpacing is null).ToArray();
        if (lacking.Length == 0) return;
        problems.Add(Fatal(SeriesProblemKind.MissingGeometry,
            $"{lacking.Length} slice(s) lack Image Position/Orientation (Patient) or Pixel Spacing: {Names(lacking)}"));
    }

    private static void CheckUniform(
        List<SliceHeader> slices, Func<SliceHeader, string> key, SeriesProblemKind kind, string what, List<SeriesProblem> problems)
    {
        var groups = slices.GroupBy(key).OrderByDescending(g => g.Count()).ToArray();
        if (groups.Length <= 1) return;
        var description = string.Join(", ", groups.Select(g => $"{g.Key} ({g.Count()} slices, e.g. '{g.First().Source}')"));
        problems.Add(Fatal(kind, $"mixed {what}: {description}"));
    }

    private static void CheckOrientation(List<SliceHeader> slices, SliceHeader reference, List<SeriesProblem> problems)
    {
        var row = reference.RowDirection!.Value;
        var column = reference.ColumnDirection!.Value;
        var differing = slices
            .Where(s => Angle(s.RowDirection!.Value, row) > OrientationToleranceDegrees ||
                        Angle(s.ColumnDirection!.Value, column) > OrientationToleranceDegrees)
            .ToArray();
        if (differing.Length == 0) return;
        problems.Add(Fatal(SeriesProblemKind.MixedOrientations,
            $"mixed orientations: {differing.Length} slice(s) differ from '{reference.Source}' by more than {OrientationToleranceDegrees}°: {Names(differing)}"));
    }

    private static void CheckPixelSpacing(List<SliceHeader> slices, SliceHeader reference, List<SeriesProblem> problems)
    {
        var spacing = reference.PixelSpacing!.Value;
        var differing = slices.Where(s => !Close(s.PixelSpacing!.Value.Row, spacing.Row) || !Close(s.PixelSpacing!.Value.Column, spacing.Column)).ToArray();
        if (differing.Length == 0) return;
        problems.Add(Fatal(SeriesProblemKind.MixedPixelSpacing,
            $"mixed pixel spacing: {differing.Length} slice(s) differ from {spacing} of '{reference.Source}': {Names(differing)}"));

        static bool Close(double a, double b) => Math.Abs(a - b) <= PixelSpacingTolerance * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    /// <summary>Checks duplicates, gaps and evenness; returns the median spacing.</summary>
    private static double CheckSpacing(OrderedSlice[] ordered, List<SeriesProblem> problems)
    {
        var steps = new double[ordered.Length - 1];
        for (var i = 0; i < steps.Length; i++) steps[i] = ordered[i + 1].Position - ordered[i].Position;

        var duplicates = Enumerable.Range(0, steps.Length).Where(i => steps[i] < DuplicatePositionToleranceMm).ToArray();
        if (duplicates.Length > 0)
        {
            var pairs = string.Join(", ", duplicates.Take(MaxListed).Select(i =>
                $"'{ordered[i].Header.Source}' and '{ordered[i + 1].Header.Source}' at {Mm(ordered[i].Position)}"));
            problems.Add(Fatal(SeriesProblemKind.DuplicatePosition,
                $"{duplicates.Length} pair(s) of different instances share a position: {pairs}{More(duplicates.Length)}"));
        }

        var distinct = steps.Where(s => s >= DuplicatePositionToleranceMm).Order().ToArray();
        if (distinct.Length == 0) return 0;
        var median = distinct[distinct.Length / 2];

        var gaps = Enumerable.Range(0, steps.Length).Where(i => steps[i] > MissingSliceGapFactor * median).ToArray();
        if (gaps.Length > 0)
        {
            var list = string.Join(", ", gaps.Take(MaxListed).Select(i =>
                $"{Mm(steps[i])} between {Mm(ordered[i].Position)} and {Mm(ordered[i + 1].Position)} (about {Math.Round(steps[i] / median) - 1:0} slice(s))"));
            problems.Add(Fatal(SeriesProblemKind.MissingSlices,
                $"slices are missing: {gaps.Length} gap(s) larger than {MissingSliceGapFactor}× the median spacing {Mm(median)}: {list}{More(gaps.Length)}"));
        }
        else
        {
            var uneven = steps.Where(s => s >= DuplicatePositionToleranceMm && Math.Abs(s - median) > UnevenSpacingTolerance * median).ToArray();
            if (uneven.Length > 0)
            {
                problems.Add(new SeriesProblem(SeriesProblemKind.UnevenSpacing, SeriesProblemSeverity.Warning,
                    $"uneven spacing: {uneven.Length} step(s) differ from the median {Mm(median)} by more than {UnevenSpacingTolerance:P0} (from {Mm(steps.Min())} to {Mm(steps.Max())})"));
            }
        }

        return median;
    }

    /// <summary>Reports gantry tilt; returns the angle between the stacking direction and the normal.</summary>
    private static double CheckTilt(OrderedSlice[] ordered, Vector3D normal, List<SeriesProblem> problems)
    {
        var stacking = ordered[^1].Header.ImagePosition!.Value - ordered[0].Header.ImagePosition!.Value;
        var angle = stacking.Length < 1e-6 ? 0 : stacking.LineAngleDegrees(normal);
        var headerTilt = ordered.Select(s => s.Header.GantryTilt ?? 0).FirstOrDefault(t => Math.Abs(t) > 0.01);
        if (angle > SeriesSelectionRules.MaxGantryTiltDegrees + SeriesSelectionRules.TiltMatchToleranceDegrees)
        {
            problems.Add(Fatal(SeriesProblemKind.GantryTilt, string.Create(CultureInfo.InvariantCulture,
                $"the slices are stacked {angle:0.#}° off their normal, beyond the {SeriesSelectionRules.MaxGantryTiltDegrees:0.#}° a gantry tilts")));
        }
        else if (angle > TiltToleranceDegrees)
        {
            problems.Add(new SeriesProblem(SeriesProblemKind.GantryTilt, SeriesProblemSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"gantry tilt: the slices are stacked {angle:0.#}° off their normal (Gantry/Detector Tilt {headerTilt:0.#}°), a tilted axial acquisition; the volume is sheared, slice positions are kept")));
        }
        else if (headerTilt != 0)
        {
            problems.Add(new SeriesProblem(SeriesProblemKind.GantryTilt, SeriesProblemSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"gantry tilt: Gantry/Detector Tilt is {headerTilt:0.#}°, but the slice positions are stacked along the normal (already corrected)")));
        }

        return angle;
    }

    private static SeriesAssembly Unusable(DicomSeries series, List<SeriesProblem> problems) => new(series, [], null, problems);

    private static bool HasFatal(List<SeriesProblem> problems) => problems.Any(p => p.Severity == SeriesProblemSeverity.Fatal);

    private static SeriesProblem Fatal(SeriesProblemKind kind, string message) => new(kind, SeriesProblemSeverity.Fatal, message);

    private static double Angle(Vector3D a, Vector3D b) =>
        a.Length < 1e-9 || b.Length < 1e-9 ? 180 : Math.Acos(Math.Clamp(a.Dot(b) / (a.Length * b.Length), -1, 1)) * 180 / Math.PI;

    private static string Names(IEnumerable<SliceHeader> slices)
    {
        var all = slices.ToArray();
        return string.Join(", ", all.Take(MaxListed).Select(s => $"'{s.Source}'")) + More(all.Length);
    }

    private static string More(int count) => count > MaxListed ? $" and {count - MaxListed} more" : "";

    private static string Mm(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.##} mm");
}
