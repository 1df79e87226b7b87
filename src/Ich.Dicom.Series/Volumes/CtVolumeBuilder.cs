using System.Buffers;
using Ich.Dicom.Pixels;
using Ich.Dicom.Pixels.Hounsfield;
using Ich.Dicom.Series.Assembly;

namespace Ich.Dicom.Series.Volumes;

/// <summary>
/// Builds a <see cref="CtVolume"/> from an assembled, usable series: reads each slice's file, decodes its pixel data
/// (any supported transfer syntax) and converts the stored values to Hounsfield units straight into the volume.
/// Any slice that fails to decode fails the whole volume, naming the slice: a slice is never dropped silently.
/// </summary>
public static class CtVolumeBuilder
{
    /// <summary>Builds the volume of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">A series assembly with <see cref="SeriesAssembly.IsUsable"/> true.</param>
    /// <param name="maxDegreeOfParallelism">Slices decoded at once (1 = on the calling thread only).</param>
    /// <exception cref="VolumeBuildException">The series is unusable, too large, or a slice cannot be decoded.</exception>
    public static CtVolume Build(SeriesAssembly assembly, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(assembly);
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
        if (maxDegreeOfParallelism == 1)
        {
            for (var i = 0; i < slices.Count; i++) DecodeSlice(assembly, i, hounsfield.AsSpan(i * sliceVoxels, sliceVoxels));
        }
        else
        {
            try
            {
                Parallel.For(0, slices.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
                    i => DecodeSlice(assembly, i, hounsfield.AsSpan(i * sliceVoxels, sliceVoxels)));
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
            slices.Select(s => s.Header.Source.SourceName).ToArray(),
            assembly.Problems);
    }

    private static void DecodeSlice(SeriesAssembly assembly, int index, Span<float> destination)
    {
        var slice = assembly.Slices[index];
        var geometry = assembly.Geometry!;
        var where = $"slice {index + 1} of {assembly.Slices.Count} ('{slice.Header.Source.SourceName}')";
        try
        {
            using var bytes = slice.Header.Source.RentBytes();
            var file = DicomReader.Read(bytes.Memory);
            var frames = PixelFrames.Open(file);
            var format = frames.Format;
            if (format.Rows != geometry.Rows || format.Columns != geometry.Columns || format.SamplesPerPixel != 1)
            {
                throw new VolumeBuildException(
                    $"{where} holds {format.Columns}×{format.Rows}×{format.SamplesPerPixel} samples; the series needs {geometry.Columns}×{geometry.Rows} greyscale.");
            }

            // Stored values are decoded into a scratch frame, then converted straight into the volume.
            var scratch = ArrayPool<byte>.Shared.Rent(format.FrameLength);
            try
            {
                var stored = scratch.AsSpan(0, format.FrameLength);
                frames.DecodeFrame(0, stored);
                HounsfieldConverter.Convert(stored, format, RescaleParameters.From(file.Dataset, format), destination);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
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
