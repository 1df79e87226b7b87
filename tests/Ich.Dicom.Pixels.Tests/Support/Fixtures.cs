using Ich.Dicom.Pixels.Hounsfield;
using Ich.Testing;

namespace Ich.Dicom.Pixels.Tests.Support;

/// <summary>Paths to and reads of the real DICOM fixtures in tests/data/dicom.</summary>
internal static class Fixtures
{
    /// <summary>The folder that holds every fixture folder.</summary>
    public static string Root => RepositoryPaths.Combine("tests", "data", "dicom");

    /// <summary>The full path of a fixture file given as "folder/file.dcm".</summary>
    public static string PathOf(string key) => Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The only .dcm file in a fixture folder, as "folder/file.dcm".</summary>
    public static string SingleFile(string folder) =>
        $"{folder}/{Path.GetFileName(Directory.GetFiles(Path.Combine(Root, folder), "*.dcm").Single())}";

    /// <summary>Reads a fixture given as a folder (with one file) or as "folder/file.dcm".</summary>
    public static DicomFile Read(string folderOrKey) =>
        DicomReader.Read(PathOf(folderOrKey.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase) ? folderOrKey : SingleFile(folderOrKey)));

    /// <summary>Hounsfield units of frame 0 of a fixture, with its own rescale and padding.</summary>
    public static (float[] Hu, int Padding, PixelFormat Format) ReadHounsfield(string folder)
    {
        var file = Read(folder);
        var frames = PixelFrames.Open(file);
        var stored = frames.DecodeFrame(0);
        var hu = new float[frames.Format.PixelCount];
        var padding = HounsfieldConverter.Convert(stored, frames.Format, RescaleParameters.From(file.Dataset, frames.Format), hu);
        return (hu, padding, frames.Format);
    }
}
