using Ich.Dicom;
using Ich.Dicom.Series.Assembly;
using Ich.Dicom.Series.Headers;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Selection;
using Ich.Dicom.Series.Volumes;
using Ich.Pipeline.SelectSeries;
using Ich.Preprocessing;

namespace Ich.Pipeline.Normalize;

/// <summary>A selected series decoded into Hounsfield units: the one place of the pipeline that holds pixels.</summary>
/// <param name="Selection">The selection it was built from.</param>
/// <param name="Volume">The decoded CT volume (slices in the selection's order).</param>
public sealed record NormalizedSeries(SeriesSelection Selection, CtVolume Volume)
{
    /// <summary>The volume as preprocessing sees it (the voxels are shared, not copied).</summary>
    public HuVolume ToHuVolume() =>
        new(Volume.Width, Volume.Height, Volume.Hounsfield, Volume.PixelSpacing.Row, Volume.PixelSpacing.Column, Volume.SlicePositions);
}

/// <summary>Raised when a stage refuses a series the model was not made for; the reason goes into the failed result.</summary>
/// <param name="reason">Why, in a sentence a radiologist understands.</param>
public sealed class SeriesRefusedException(string reason) : Exception(reason);

/// <summary>Normalize: decodes the selected series into a Hounsfield-unit volume and checks the field of view.</summary>
public static class NormalizeOperator
{
    /// <summary>Builds the volume of an accepted selection, opening its upload from <see cref="SeriesSelection.UploadPaths"/>.</summary>
    /// <param name="selection">From <see cref="SelectSeriesOperator"/>, in process or deserialised.</param>
    /// <param name="maxDegreeOfParallelism">Slices decoded at once.</param>
    /// <exception cref="SeriesRefusedException">The selection was refused, a slice cannot be read or decoded, or the field of view cuts the skull.</exception>
    /// <exception cref="ArgumentException">The upload had stream sources: use the overload that takes the open upload.</exception>
    public static NormalizedSeries Run(SeriesSelection selection, int maxDegreeOfParallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (!selection.IsAccepted) throw new SeriesRefusedException(selection.Refusal ?? "no series selected");
        if (selection.UploadStreams.Count > 0)
            throw new ArgumentException("The upload had stream sources; pass it open (Run(selection, upload)).", nameof(selection));
        Upload upload;
        try
        {
            upload = Upload.Open(selection.UploadPaths);
        }
        catch (IngestException e)
        {
            throw new SeriesRefusedException($"the upload can no longer be opened: {e.Message}");
        }

        using (upload) return Run(selection, upload, maxDegreeOfParallelism);
    }

    /// <summary>
    /// Builds the volume of an accepted selection from the open <paramref name="upload"/> it came from. A deserialised
    /// selection (no in-process assembly) is put together again from its instances' <see cref="InstanceReference.Source"/>
    /// names: only those headers are read, and the order must come out as selected.
    /// </summary>
    /// <param name="selection">From <see cref="SelectSeriesOperator"/>.</param>
    /// <param name="upload">The upload, opened from the same sources.</param>
    /// <param name="maxDegreeOfParallelism">Slices decoded at once.</param>
    /// <exception cref="SeriesRefusedException">The selection was refused, a slice cannot be read or decoded, or the field of view cuts the skull.</exception>
    public static NormalizedSeries Run(SeriesSelection selection, Upload upload, int maxDegreeOfParallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(upload);
        if (!selection.IsAccepted) throw new SeriesRefusedException(selection.Refusal ?? "no series selected");
        var assembly = selection.Assembly ?? Reassemble(selection, upload);

        CtVolume volume;
        try
        {
            volume = CtVolumeBuilder.Build(assembly, upload, maxDegreeOfParallelism);
        }
        catch (Exception e) when (e is VolumeBuildException or DicomException)
        {
            throw new SeriesRefusedException($"the volume could not be built: {e.Message}");
        }

        var series = new NormalizedSeries(selection, volume);
        if (FieldOfViewCheck.Check(series.ToHuVolume()) is { } refusal) throw new SeriesRefusedException(refusal);
        return series;
    }

    /// <summary>The selected series ordered again from its instances' headers, checked to be the series and order selected.</summary>
    private static SeriesAssembly Reassemble(SeriesSelection selection, Upload upload)
    {
        var headers = new List<SliceHeader>(selection.Instances.Count);
        foreach (var instance in selection.Instances)
        {
            var (header, skipped) = SliceHeaderReader.Read(upload, new InputItem(instance.Source, 0));
            if (header is null) throw new SeriesRefusedException($"the selected series {selection.SeriesInstanceUid} is no longer in the upload: {skipped}");
            headers.Add(header);
        }

        var assembly = headers.Count == 0 ? null : SeriesAssembler.Assemble(new DicomSeries(headers));
        if (assembly is null || !assembly.IsUsable || assembly.Series.SeriesInstanceUid != selection.SeriesInstanceUid ||
            !assembly.Slices.Select(s => s.Header.SopInstanceUid).SequenceEqual(selection.Instances.Select(i => i.SopInstanceUid), StringComparer.Ordinal))
        {
            throw new SeriesRefusedException($"the selected series {selection.SeriesInstanceUid} is no longer in the upload as selected");
        }

        return assembly;
    }
}
