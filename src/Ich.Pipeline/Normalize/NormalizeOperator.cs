using Ich.Dicom;
using Ich.Dicom.Series.Scanning;
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
    /// <summary>Builds the volume of an accepted selection.</summary>
    /// <param name="selection">From <see cref="SelectSeriesOperator"/>; its instances are found again from the upload when deserialised.</param>
    /// <param name="maxDegreeOfParallelism">Slices decoded at once.</param>
    /// <exception cref="SeriesRefusedException">The selection was refused, a slice cannot be decoded, or the field of view cuts the skull.</exception>
    public static NormalizedSeries Run(SeriesSelection selection, int maxDegreeOfParallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (!selection.IsAccepted) throw new SeriesRefusedException(selection.Refusal ?? "no series selected");
        var assembly = selection.Assembly ?? SeriesScanner.Scan(selection.UploadPaths[0])
            .Studies.FirstOrDefault(s => s.StudyInstanceUid == selection.StudyInstanceUid)?.Selected;
        if (assembly is null || assembly.Series.SeriesInstanceUid != selection.SeriesInstanceUid)
            throw new SeriesRefusedException($"the selected series {selection.SeriesInstanceUid} is no longer in the upload");

        CtVolume volume;
        try
        {
            volume = CtVolumeBuilder.Build(assembly, maxDegreeOfParallelism);
        }
        catch (Exception e) when (e is VolumeBuildException or DicomException)
        {
            throw new SeriesRefusedException($"the volume could not be built: {e.Message}");
        }

        var series = new NormalizedSeries(selection, volume);
        if (FieldOfViewCheck.Check(series.ToHuVolume()) is { } refusal) throw new SeriesRefusedException(refusal);
        return series;
    }
}
