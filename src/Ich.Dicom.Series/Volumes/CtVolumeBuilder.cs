using Ich.Dicom.Pixels;
using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Inputs;

namespace Ich.Dicom.Series.Volumes;

/// <summary>
/// Builds a <see cref="CtVolume"/> from an assembled, usable series: reads each slice's file, decodes its pixel data
/// (any supported transfer syntax) and converts the stored values to Hounsfield units straight into the volume.
/// Slices showing the inconsistent 12-bit rescale quirk are corrected by <see cref="RescaleRepair"/> and named in a
/// <see cref="SeriesProblemKind.RescaleRepaired"/> warning (<see cref="SeriesProblemKind.InconsistentRescale"/> when
/// the repair was not plausible and the values were left as they are).
/// Any slice that fails to decode fails the whole volume, naming the slice: a slice is never dropped silently.
/// </summary>
public static class CtVolumeBuilder
{
    private const int MaxListed = 5;

    /// <summary>Builds the volume of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">A series assembly with <see cref="SeriesAssembly.IsUsable"/> true.</param>
    /// <param name="upload">The upload the slices' <see cref="Headers.SliceHeader.Source"/> names are read from.</param>
    /// <param name="maxDegreeOfParallelism">Slices decoded at once (1 = on the calling thread only).</param>
    /// <exception cref="VolumeBuildException">The series is unusable, too large, or a slice cannot be decoded.</exception>
    public static CtVolume Build(SeriesAssembly assembly, Upload upload, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDegreeOfParallelism);
        if (!assembly.IsUsable || assembly.Geometry is not { } geometry)
        {
            throw new VolumeBuildException($"{assembly.Series.Label} cannot be made into a volume: {assembly.UnusableReason}");
        }

        var slices = assembly.Slices;
        var sliceVoxels = geometry.Rows * geometry.Columns;
        var voxels = (long)sliceVoxels * slices.Count;
        if (voxels > Array.MaxLength)
        {
            throw new VolumeBuildException($"{assembly.Series.Label} has {voxels} voxels, more than one volume can hold.");
        }

        // Every voxel is written below: skip zeroing tens of megabytes first.
        var hounsfield = GC.AllocateUninitializedArray<float>((int)voxels);
        var repairs = new RescaleRepairOutcome[slices.Count];
        if (maxDegreeOfParallelism == 1)
        {
            for (var i = 0; i < slices.Count; i++) repairs[i] = DecodeSlice(assembly, upload, i, hounsfield.AsSpan(i * sliceVoxels, sliceVoxels));
        }
        else
        {
            try
            {
                Parallel.For(0, slices.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
                    i => repairs[i] = DecodeSlice(assembly, upload, i, hounsfield.AsSpan(i * sliceVoxels, sliceVoxels)));
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<VolumeBuildException>().FirstOrDefault() is { } first)
            {
                throw first;
            }
        }

        return new CtVolume(
            geometry,
            hounsfield,
            slices.Select(s => s.Header.ImagePosition!.Value).ToArray(),
            slices.Select(s => s.Position).ToArray(),
            slices.Select(s => s.Header.SopInstanceUid).ToArray(),
            slices.Select(s => s.Header.Source).ToArray(),
            [.. assembly.Problems, .. RepairProblems(slices, repairs)]);
    }

    private static IEnumerable<SeriesProblem> RepairProblems(IReadOnlyList<OrderedSlice> slices, RescaleRepairOutcome[] repairs)
    {
        var repaired = Names(slices, repairs, RescaleRepairOutcome.Repaired);
        if (repaired.Count > 0)
        {
            yield return new SeriesProblem(SeriesProblemKind.RescaleRepaired, SeriesProblemSeverity.Warning,
                $"{RescaleRepair.RepairedWarning} in {repaired.Count} slice(s): {List(repaired)}");
        }

        var left = Names(slices, repairs, RescaleRepairOutcome.LeftImplausible);
        if (left.Count > 0)
        {
            yield return new SeriesProblem(SeriesProblemKind.InconsistentRescale, SeriesProblemSeverity.Warning,
                $"12-bit rescale looks inconsistent in {left.Count} slice(s), but the known repair would not put air near −1000 HU; left as is: {List(left)}");
        }

        static List<string> Names(IReadOnlyList<OrderedSlice> slices, RescaleRepairOutcome[] repairs, RescaleRepairOutcome outcome) =>
            Enumerable.Range(0, slices.Count).Where(i => repairs[i] == outcome).Select(i => $"'{slices[i].Header.Source}'").ToList();

        static string List(List<string> names) =>
            string.Join(", ", names.Take(MaxListed)) + (names.Count > MaxListed ? $" and {names.Count - MaxListed} more" : "");
    }

    private static RescaleRepairOutcome DecodeSlice(SeriesAssembly assembly, Upload upload, int index, Span<float> destination)
    {
        var slice = assembly.Slices[index];
        var geometry = assembly.Geometry!;
        var where = $"slice {index + 1} of {assembly.Slices.Count} ('{slice.Header.Source}')";
        try
        {
            using var bytes = upload.Rent(slice.Header.Source);
            var file = DicomReader.Read(bytes.Memory);
            var frames = PixelFrames.Open(file);
            var format = frames.Format;
            if (format.Rows != geometry.Rows || format.Columns != geometry.Columns || format.SamplesPerPixel != 1)
            {
                throw new VolumeBuildException(
                    $"{where} holds {format.Columns}×{format.Rows}×{format.SamplesPerPixel} samples; the series needs {geometry.Columns}×{geometry.Rows} greyscale.");
            }

            return HounsfieldFrame.Decode(file, frames, destination).Outcome;
        }
        catch (DicomException e)
        {
            throw new VolumeBuildException($"{where} cannot be decoded: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VolumeBuildException($"{where} can no longer be read ({e.GetType().Name}).", e);
        }
    }
}
