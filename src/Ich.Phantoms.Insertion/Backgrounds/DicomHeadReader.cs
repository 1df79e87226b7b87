using Ich.Dicom;
using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Volumes;

namespace Ich.Phantoms.Insertion.Backgrounds;

/// <summary>
/// Reads a normal head CT through the project's DICOM path (<see cref="SeriesScanner"/> → <see cref="CtVolumeBuilder"/>):
/// a folder, a file or a .zip, any supported transfer syntax. The series the pipeline would analyse is used, turned so
/// that slices run inferior → superior, anterior is at the top and patient left on the image right.
/// </summary>
public static class DicomHeadReader
{
    private static readonly DicomTag ContrastBolusAgent = new(0x0018, 0x0010);

    /// <summary>Reads the selected series of the first study in <paramref name="path"/> that has one.</summary>
    /// <exception cref="InvalidDataException">No usable axial CT series, non-square pixels, or undecodable slices.</exception>
    /// <exception cref="IngestException">The path does not exist or breaks an ingest limit.</exception>
    public static HeadVolume Read(string path)
    {
        using var upload = Upload.Open(path);
        var scan = SeriesScanner.Scan(upload);
        var assembly = scan.Studies.Select(s => s.Selected).FirstOrDefault(a => a is not null)
            ?? throw new InvalidDataException($"{Path.GetFileName(path)}: no series the pipeline could analyse "
                + $"({scan.Studies.Count} studies, {scan.Skipped.Count} files skipped).");
        CtVolume volume;
        try
        {
            volume = CtVolumeBuilder.Build(assembly, upload, Math.Max(1, Environment.ProcessorCount));
        }
        catch (VolumeBuildException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        var g = volume.Geometry;
        if (Math.Abs(g.Normal.Z) < 0.9) throw new InvalidDataException($"{Path.GetFileName(path)}: the selected series is not axial.");
        if (Math.Abs(g.PixelSpacing.Row - g.PixelSpacing.Column) > 1e-3)
            throw new InvalidDataException($"{Path.GetFileName(path)}: pixels are not square ({g.PixelSpacing}).");
        bool flipColumns = g.RowDirection.X < 0, flipRows = g.ColumnDirection.Y < 0, reverseSlices = g.Normal.Z < 0;
        int w = volume.Width, h = volume.Height, d = volume.Depth;
        var hu = new short[w * h * d];
        for (var z = 0; z < d; z++)
        {
            var source = volume.Slice(reverseSlices ? d - 1 - z : z).Span;
            for (var r = 0; r < h; r++)
            for (var c = 0; c < w; c++)
            {
                var v = source[(flipRows ? h - 1 - r : r) * w + (flipColumns ? w - 1 - c : c)];
                hu[(z * h + r) * w + c] = (short)Math.Clamp(MathF.Round(v), -1024f, 3071f);
            }
        }

        var first = DicomReader.Read(upload.ReadAllBytes(assembly.Slices[0].Header.Source));
        var contrast = !string.IsNullOrWhiteSpace(first.Dataset.GetString(ContrastBolusAgent));
        var identity = $"dicom:{Path.GetFileName(Path.TrimEndingDirectorySeparator(path))} series {assembly.Series.SeriesInstanceUid}";
        return new HeadVolume(identity, w, h, d, (float)g.PixelSpacing.Row, (float)volume.SliceSpacing, hu, contrast);
    }
}
