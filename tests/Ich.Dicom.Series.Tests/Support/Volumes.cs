using Ich.Dicom.Series.Inputs;
using Ich.Dicom.Series.Scanning;
using Ich.Dicom.Series.Volumes;

namespace Ich.Dicom.Series.Tests.Support;

/// <summary>Scans a path and builds its one study's selected series, reading the slices from the same open upload.</summary>
internal static class Volumes
{
    public static CtVolume BuildSelected(string path, int maxDegreeOfParallelism = 1)
    {
        using var upload = Upload.Open(path);
        var selected = Assert.Single(SeriesScanner.Scan(upload).Studies).Selected;
        Assert.NotNull(selected);
        return CtVolumeBuilder.Build(selected, upload, maxDegreeOfParallelism);
    }
}
